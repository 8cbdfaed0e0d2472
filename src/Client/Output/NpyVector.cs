using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Orchestrator.Client.Output;

/// <summary>
/// Writes 1-D float32 arrays as NumPy <c>.npy</c> (format 1.0, little-endian) and several of them as an
/// uncompressed <c>.npz</c> (a zip of <c>NAME.npy</c> entries, what <c>numpy.savez</c> writes): a large result
/// goes out as raw bytes, not millions of numbers as text. Files appear whole or not at all (temporary file, then rename).
/// </summary>
internal static class NpyVector
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes <paramref name="values"/> as a 1-D <c>.npy</c> file.</summary>
    public static void WriteNpy(string path, ReadOnlySpan<float> values)
    {
        var copy = values.ToArray();
        Atomically(path, stream => Write(stream, copy));
    }

    /// <summary>Writes the named arrays as an uncompressed <c>.npz</c> (load with <c>numpy.load(path)[name]</c>).</summary>
    public static void WriteNpz(string path, IReadOnlyList<(string Name, float[] Values)> arrays) =>
        Atomically(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, values) in arrays)
            {
                using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
                Write(entry, values);
            }
        });

    /// <summary>The <c>.npy</c> bytes of <paramref name="values"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> values)
    {
        var dictionary = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({values.Length},), }}");

        // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in '\n'.
        var unpadded = Magic.Length + 2 + 2 + dictionary.Length + 1;
        var header = dictionary + new string(' ', (64 - (unpadded % 64)) % 64) + "\n";
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> item = stackalloc byte[4];
        foreach (var v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(item, v);
            stream.Write(item);
        }
    }

    private static void Atomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
