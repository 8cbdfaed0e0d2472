using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Orchestrator.Data.Numpy;

/// <summary>
/// Reads the data of one .npy array from a stream, in chunks, straight into the array the training needs (float
/// features or integer labels), so the file's bytes are never held whole: the peak is the converted array.
/// </summary>
internal static class NpyReader
{
    private const int ChunkElements = 1 << 16;

    /// <summary>The header of <paramref name="stream"/>, checked against the bytes <paramref name="available"/> after it.</summary>
    /// <exception cref="DatasetFormatException">The header claims more data than the file holds.</exception>
    public static NpyHeader ReadHeader(Stream stream, long available, string name)
    {
        var header = NpyHeader.Read(stream, name);
        var left = available - header.DataOffset;
        if (header.DataLength > left)
        {
            throw new DatasetFormatException(
                $"{name}: the header claims shape ({string.Join(", ", header.Shape)}) of {header.TypeCode}, {header.DataLength:N0} bytes, but the file holds {Math.Max(0, left):N0}; the file is truncated or its header is wrong.");
        }

        return header;
    }

    /// <summary>Features as float32: <c>u1</c> scaled from 0–255 to [0, 1], other types converted as they are; NaN or ±∞ refused.</summary>
    public static float[] ReadFeatures(Stream stream, NpyHeader header, string name)
    {
        if (header.TypeCode == "b1")
        {
            throw new DatasetFormatException($"{name} is boolean; features must be float32/float64 or uint8 (scaled to [0, 1]) or integers.");
        }

        var values = new float[header.Count];
        var scale = header.TypeCode == "u1" ? 1f / 255f : 1f;
        Convert(stream, header, name, (bytes, offset, count) =>
        {
            // The two common types skip the per-element decoding: bytes scale, float32 copies.
            if (header.TypeCode == "u1")
            {
                for (var i = 0; i < count; i++)
                {
                    values[offset + i] = bytes[i] * scale;
                }

                return;
            }

            if (header.TypeCode == "f4" && BitConverter.IsLittleEndian)
            {
                var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, count * sizeof(float)));
                var bad = floats.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
                if (bad >= 0)
                {
                    throw new DatasetFormatException($"{name} holds a non-finite value ({floats[bad]}) at flat index {offset + bad}; replace NaN/Inf before saving (e.g. numpy.nan_to_num).");
                }

                floats.CopyTo(values.AsSpan((int)offset, count));
                return;
            }

            for (var i = 0; i < count; i++)
            {
                var v = (float)Element(bytes, i, header) * scale;
                if (!float.IsFinite(v))
                {
                    throw new DatasetFormatException($"{name} holds a non-finite value ({v}) at flat index {offset + i}; replace NaN/Inf before saving (e.g. numpy.nan_to_num).");
                }

                values[offset + i] = v;
            }
        });
        return values;
    }

    /// <summary>Labels as non-negative integers; a fractional, negative or too large label is refused with its index.</summary>
    public static int[] ReadLabels(Stream stream, NpyHeader header, string name)
    {
        if (header.Shape.Length != 1 && !(header.Shape.Length == 2 && header.Shape[1] == 1))
        {
            throw new DatasetFormatException($"{name} has shape ({string.Join(", ", header.Shape)}); labels must be one integer class per item, shape (N,).");
        }

        var labels = new int[header.Count];
        Convert(stream, header, name, (bytes, offset, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                var v = Element(bytes, i, header);
                if (v != Math.Floor(v) || !double.IsFinite(v))
                {
                    throw new DatasetFormatException($"{name}: label {v} at index {offset + i} is not an integer; labels are class numbers 0, 1, 2, …");
                }

                if (v is < 0 or > 100_000)
                {
                    throw new DatasetFormatException($"{name}: label {v} at index {offset + i} is outside 0..100000; labels are class numbers 0, 1, 2, …");
                }

                labels[offset + i] = (int)v;
            }
        });
        return labels;
    }

    private static void Convert(Stream stream, NpyHeader header, string name, Action<byte[], long, int> convert)
    {
        var size = header.ElementSize;
        var buffer = new byte[ChunkElements * size];
        for (long done = 0; done < header.Count;)
        {
            var count = (int)Math.Min(ChunkElements, header.Count - done);
            if (stream.ReadAtLeast(buffer, count * size, throwOnEndOfStream: false) < count * size)
            {
                throw new DatasetFormatException($"{name} ends after {done:N0} of {header.Count:N0} elements; the file is truncated.");
            }

            convert(buffer, done, count);
            done += count;
        }
    }

    private static double Element(byte[] bytes, int i, NpyHeader header)
    {
        var span = bytes.AsSpan(i * header.ElementSize, header.ElementSize);
        return header.TypeCode switch
        {
            "u1" or "b1" => span[0],
            "i1" => (sbyte)span[0],
            "u2" => BinaryPrimitives.ReadUInt16LittleEndian(span),
            "i2" => BinaryPrimitives.ReadInt16LittleEndian(span),
            "u4" => BinaryPrimitives.ReadUInt32LittleEndian(span),
            "i4" => BinaryPrimitives.ReadInt32LittleEndian(span),
            "u8" => BinaryPrimitives.ReadUInt64LittleEndian(span),
            "i8" => BinaryPrimitives.ReadInt64LittleEndian(span),
            "f4" => BinaryPrimitives.ReadSingleLittleEndian(span),
            _ => BinaryPrimitives.ReadDoubleLittleEndian(span),
        };
    }
}
