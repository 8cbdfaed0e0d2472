using System.Buffers.Binary;
using System.IO.Compression;

namespace Orchestrator.Data.Tests;

/// <summary>Writes IDX files the way the MNIST distribution does, for loader tests.</summary>
internal static class IdxFiles
{
    public static byte[] Encode(byte type, int[] dims, byte[] values)
    {
        var bytes = new byte[4 + (4 * dims.Length) + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dims[d]);
        }

        values.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static void Write(string path, byte[] content, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, content);
            return;
        }

        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(content);
    }

    /// <summary>A complete four-file IDX dataset of <paramref name="train"/>/<paramref name="test"/> 28×28 images, labels i % 10.</summary>
    public static void WriteDataset(string directory, int train, int test, bool gzip)
    {
        foreach (var (prefix, count) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[count * 28 * 28];
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)(i % 251);
            }

            var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            var suffix = gzip ? ".gz" : string.Empty;
            Write(Path.Combine(directory, $"{prefix}-images-idx3-ubyte{suffix}"), Encode(8, [count, 28, 28], pixels), gzip);
            Write(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte{suffix}"), Encode(8, [count], labels), gzip);
        }
    }
}
