using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Client.Files;

/// <summary>
/// NumPy <c>.npy</c> files (format versions 1–3): 2-D, C order, float32 or float64, either byte order.
/// Writes version 1.0, little-endian float32. See numpy.lib.format for the layout.
/// </summary>
internal sealed partial class NpyMatrixFormat : IMatrixFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public string Extension => ".npy";

    public DenseMatrix Read(Stream stream, string source)
    {
        var header = ReadHeader(stream, source);
        var (rows, columns, itemSize, bigEndian) = ParseHeader(header, source);
        var count = (long)rows * columns;
        if (count > Array.MaxLength)
        {
            throw new InputException($"{source}: shape ({rows}, {columns}) is too large to load.");
        }

        // Read in chunks: a float64 file can be larger than the largest byte array.
        var values = new float[count];
        var buffer = new byte[itemSize * 8192];
        long done = 0;
        while (done < count)
        {
            var items = (int)Math.Min(8192, count - done);
            var read = stream.ReadAtLeast(buffer.AsSpan(0, items * itemSize), items * itemSize, throwOnEndOfStream: false);
            if (read < items * itemSize)
            {
                throw new InputException(
                    $"{source}: the data is truncated: shape ({rows}, {columns}) needs {count * itemSize} bytes, the file has {(done * itemSize) + read}.");
            }

            for (var i = 0; i < items; i++, done++)
            {
                var item = buffer.AsSpan(i * itemSize, itemSize);
                if (itemSize == 4)
                {
                    var bits = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item);
                    values[done] = BitConverter.Int32BitsToSingle(bits);
                }
                else
                {
                    var bits = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item);
                    values[done] = MatrixFile.ToSingle(
                        BitConverter.Int64BitsToDouble(bits), source, (int)(done / columns) + 1, (int)(done % columns) + 1);
                }
            }
        }

        return new DenseMatrix(rows, columns, values);
    }

    public void Write(Stream stream, DenseMatrix matrix) =>
        WriteFloat32(stream, matrix.Values, string.Create(CultureInfo.InvariantCulture, $"({matrix.Rows}, {matrix.Columns})"));

    /// <summary>
    /// Writes <paramref name="values"/> as a little-endian float32 <c>.npy</c> (format 1.0) of <paramref name="shape"/>
    /// (a Python tuple such as <c>(3, 4)</c> or <c>(12,)</c>): the one .npy writer of the CLI.
    /// </summary>
    public static void WriteFloat32(Stream stream, ReadOnlySpan<float> values, string shape)
    {
        var dictionary = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";

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

    private static string ReadHeader(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length || !prefix[..6].SequenceEqual(Magic))
        {
            throw new InputException($"{source} is not a NumPy .npy file (no \\x93NUMPY magic); save it with numpy.save.");
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> size = stackalloc byte[2];
            ReadExactly(stream, size, source);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(size);
        }
        else if (major is 2 or 3)
        {
            Span<byte> size = stackalloc byte[4];
            ReadExactly(stream, size, source);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(size);
            headerLength = length > 1 << 20
                ? throw new InputException($"{source}: the .npy header claims {length} bytes; the file is damaged.")
                : (int)length;
        }
        else
        {
            throw new InputException($"{source}: .npy format version {major}.{prefix[7]} is not supported (versions 1–3 are).");
        }

        var header = new byte[headerLength];
        ReadExactly(stream, header, source);
        return major == 3 ? Encoding.UTF8.GetString(header) : Encoding.Latin1.GetString(header);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InputException($"{source}: the .npy header is truncated.");
        }
    }

    private static (int Rows, int Columns, int ItemSize, bool BigEndian) ParseHeader(string header, string source)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new InputException($"{source}: the .npy header \"{header.Trim()}\" lacks descr, fortran_order or shape.");
        }

        var dtype = descr.Groups[1].Value;
        var (itemSize, bigEndian) = dtype switch
        {
            "<f4" or "=f4" => (4, false),
            "<f8" or "=f8" => (8, false),
            ">f4" => (4, true),
            ">f8" => (8, true),
            _ => throw new InputException(
                $"{source}: dtype '{dtype}' is not supported; use float32 or float64 (e.g. numpy.save(path, x.astype(numpy.float32))).")
        };

        if (fortran.Groups[1].Value == "True")
        {
            throw new InputException($"{source}: the array is stored in Fortran order; save a C-ordered array (numpy.ascontiguousarray(x)).");
        }

        var dimensions = shape.Groups[1].Value
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (dimensions.Length != 2)
        {
            throw new InputException($"{source}: the array has shape ({shape.Groups[1].Value.Trim()}), {dimensions.Length}-D; a 2-D array (rows, columns) is needed.");
        }

        if (!int.TryParse(dimensions[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
            || !int.TryParse(dimensions[1], NumberStyles.None, CultureInfo.InvariantCulture, out var columns))
        {
            throw new InputException($"{source}: the shape ({shape.Groups[1].Value.Trim()}) is not two integers.");
        }

        if (rows == 0 || columns == 0)
        {
            throw new InputException($"{source} is empty: shape ({rows}, {columns}).");
        }

        return (rows, columns, itemSize, bigEndian);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
