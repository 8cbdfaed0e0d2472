using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Tests;

/// <summary>
/// A training checkpoint written by hand in the product's format with a correct SHA-256, as an attacker would
/// craft one: the hash only protects against accidents, so the reader's own checks are what these tests pin.
/// </summary>
internal static class CraftedCheckpoint
{
    /// <summary>A version-2 checkpoint whose parameter section (count and tensors) is written by <paramref name="parameters"/>.</summary>
    public static byte[] With(int epoch, Action<BinaryWriter> parameters)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Encoding.ASCII.GetBytes("ORCHCKPT"));
            w.Write(2);
            w.Write("{\"model\":\"mlp-small\"}");
            w.Write(epoch);
            w.Write(0UL);
            parameters(w);
            w.Write(0L);
            w.Write(0);
            w.Write(0);
        }

        return Rehashed(stream.ToArray());
    }

    /// <summary>A one-tensor checkpoint whose tensor has <paramref name="rank"/> dimensions of <paramref name="dimension"/> and claims <paramref name="length"/> values.</summary>
    public static byte[] OneTensor(int rank, long dimension, int length, int epoch = 1) => With(epoch, w =>
    {
        w.Write(1);
        w.Write("fc.weight");
        w.Write(rank);
        for (var d = 0; d < Math.Clamp(rank, 0, 16); d++)
        {
            w.Write(dimension);
        }

        w.Write(length);
        w.Write(new byte[16]);
    });

    /// <summary><paramref name="body"/> followed by its SHA-256, as the product writes it.</summary>
    public static byte[] Rehashed(byte[] body) => [.. body, .. SHA256.HashData(body)];
}
