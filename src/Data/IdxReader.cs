using System.IO.Compression;

namespace Orchestrator.Data;

/// <summary>
/// Reads the IDX format of (Fashion-)MNIST: a 4-byte magic (0, 0, type, rank), big-endian 32-bit
/// dimensions, then the values. Gzip is detected from its own magic bytes, so <c>.gz</c> and plain
/// files both work. Only unsigned bytes (type 0x08) are supported, which is what the image and
/// label files use.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads and validates an IDX file; <paramref name="expectedRank"/> is 1 for labels, 3 for images.</summary>
    /// <exception cref="DatasetFormatException">The file is missing, truncated, or not an unsigned-byte IDX of that rank.</exception>
    public static IdxArray ReadFile(string path, int expectedRank)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException($"{path}: file not found.");
        }

        try
        {
            using var file = File.OpenRead(path);
            return Read(OpenMaybeGzip(file), expectedRank, path);
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException($"{path}: corrupt gzip data ({ex.Message}).", ex);
        }
    }

    /// <summary>Reads and validates IDX data from <paramref name="stream"/> (already decompressed); <paramref name="name"/> is used in errors.</summary>
    /// <exception cref="DatasetFormatException">Truncated data, wrong magic, wrong rank or trailing bytes.</exception>
    public static IdxArray Read(Stream stream, int expectedRank, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[4];
        ReadExactly(stream, header, name, "the 4-byte magic number");
        if (header[0] != 0 || header[1] != 0)
        {
            throw new DatasetFormatException(
                $"{name}: wrong magic number 0x{header[0]:X2}{header[1]:X2}{header[2]:X2}{header[3]:X2}; an IDX file starts with 0x0000.");
        }

        if (header[2] != UnsignedByteType)
        {
            throw new DatasetFormatException($"{name}: IDX value type 0x{header[2]:X2} is not supported (expected 0x08, unsigned byte).");
        }

        if (header[3] != expectedRank)
        {
            throw new DatasetFormatException($"{name}: IDX rank {header[3]} but {expectedRank} was expected (magic 0x{0x800 + expectedRank:X8}).");
        }

        var dims = new int[expectedRank];
        var dimBytes = new byte[4 * expectedRank];
        ReadExactly(stream, dimBytes, name, "the dimensions");
        long total = 1;
        for (var d = 0; d < expectedRank; d++)
        {
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * d));
            if (value == 0 || value > int.MaxValue)
            {
                throw new DatasetFormatException($"{name}: dimension {d} is {value}; it must be between 1 and {int.MaxValue}.");
            }

            dims[d] = (int)value;
            total *= value;
        }

        if (total > Array.MaxLength)
        {
            throw new DatasetFormatException($"{name}: {total} values is too large.");
        }

        var values = new byte[total];
        ReadExactly(stream, values, name, $"{total} values for dimensions [{string.Join(", ", dims)}]");
        if (stream.ReadByte() != -1)
        {
            throw new DatasetFormatException($"{name}: unexpected bytes after the {total} values the header declares.");
        }

        return new IdxArray(dims, values);
    }

    /// <summary>Wraps <paramref name="stream"/> in a gzip decoder when it starts with the gzip magic (1F 8B).</summary>
    internal static Stream OpenMaybeGzip(Stream stream)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        var first = buffered.ReadByte();
        var second = buffered.ReadByte();
        buffered.Seek(0, SeekOrigin.Begin);
        return first == 0x1F && second == 0x8B ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string name, string what)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                throw new DatasetFormatException($"{name}: truncated: expected {what} ({buffer.Length} bytes) but the file ended after {read}.");
            }

            read += n;
        }
    }
}
