using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Data.Numpy;

/// <summary>
/// The header of a NumPy <c>.npy</c> array (format versions 1–3): element type, shape, and where the data starts.
/// Only C-ordered, little-endian (or single-byte) numeric arrays are accepted; anything else is refused by name.
/// </summary>
/// <param name="TypeCode">NumPy's type without the byte order: <c>u1</c>, <c>i8</c>, <c>f4</c>, …</param>
/// <param name="Shape">The array's shape.</param>
/// <param name="DataOffset">Bytes before the first element.</param>
public sealed partial record NpyHeader(string TypeCode, long[] Shape, int DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The element types this reader converts.</summary>
    public static readonly IReadOnlyList<string> TypeCodes = ["u1", "i1", "u2", "i2", "u4", "i4", "u8", "i8", "f4", "f8", "b1"];

    /// <summary>Bytes per element.</summary>
    public int ElementSize => TypeCode == "b1" ? 1 : int.Parse(TypeCode[1..], CultureInfo.InvariantCulture);

    /// <summary>Elements in the array.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Bytes of data the header claims.</summary>
    public long DataLength => checked(Count * ElementSize);

    /// <summary>True for integer (and boolean) element types.</summary>
    public bool IsInteger => TypeCode[0] is 'u' or 'i' or 'b';

    /// <summary>Reads the header from the start of <paramref name="stream"/>, leaving the stream at the first element.</summary>
    /// <exception cref="DatasetFormatException">Not an .npy file, or an array this reader refuses; the message names <paramref name="name"/>.</exception>
    public static NpyHeader Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new DatasetFormatException($"{name} is not a NumPy .npy array (no \\x93NUMPY magic); save it with numpy.save or numpy.savez.");
        }

        var major = prefix[6];
        int headerLength;
        var lengthBytes = new byte[major == 1 ? 2 : 4];
        if (major is < 1 or > 3 || stream.ReadAtLeast(lengthBytes, lengthBytes.Length, throwOnEndOfStream: false) < lengthBytes.Length)
        {
            throw new DatasetFormatException($"{name}: .npy format version {major} is not one this reader knows (1–3).");
        }

        headerLength = major == 1 ? BitConverter.ToUInt16(lengthBytes) : checked((int)BitConverter.ToUInt32(lengthBytes));
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerLength, throwOnEndOfStream: false) < headerLength)
        {
            throw new DatasetFormatException($"{name}: the .npy header is truncated.");
        }

        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var descr = DescrPattern().Match(text);
        var order = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw new DatasetFormatException($"{name}: the .npy header '{text.Trim()}' lacks descr, fortran_order or shape.");
        }

        if (order.Groups[1].Value == "True")
        {
            throw new DatasetFormatException($"{name} is stored in Fortran order; save numpy.ascontiguousarray(x) instead.");
        }

        var type = descr.Groups[1].Value;
        var code = type.Length == 3 && type[0] is '<' or '|' or '=' ? type[1..] : type;
        if (type[0] == '>' || !TypeCodes.Contains(code))
        {
            throw new DatasetFormatException($"{name} has element type '{type}'; allowed: little-endian {string.Join(", ", TypeCodes)} (e.g. x.astype(numpy.float32)).");
        }

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new DatasetFormatException($"{name} has shape ({shape.Groups[1].Value[..Math.Min(shape.Groups[1].Value.Length, 80)]}); each dimension must be a whole number >= 0."))
            .ToArray();
        return new NpyHeader(code, dims, 6 + 2 + lengthBytes.Length + headerLength);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
