using System.Globalization;
using System.IO.Compression;
using Orchestrator.Client.Files;

namespace Orchestrator.Client.Output;

/// <summary>
/// Writes 1-D float32 arrays as NumPy <c>.npy</c> (format 1.0, little-endian) and several of them as an
/// uncompressed <c>.npz</c> (a zip of <c>NAME.npy</c> entries, what <c>numpy.savez</c> writes): a large result
/// goes out as raw bytes, not millions of numbers as text. Files appear whole or not at all (temporary file, then rename).
/// </summary>
internal static class NpyVector
{
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
    public static void Write(Stream stream, ReadOnlySpan<float> values) =>
        NpyMatrixFormat.WriteFloat32(stream, values, string.Create(CultureInfo.InvariantCulture, $"({values.Length},)"));

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
