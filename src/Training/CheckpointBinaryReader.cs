using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Training;

/// <summary>
/// Reads a checkpoint's body with every length, rank and count checked against the bytes left before anything is
/// allocated. The SHA-256 trailer only catches accidents: a crafted file can carry a recomputed hash, so a tensor
/// length of 2³⁰ or a rank of −1 must be a <see cref="CheckpointException"/> naming the field, never an
/// <see cref="OutOfMemoryException"/> or <see cref="OverflowException"/>.
/// </summary>
internal sealed class CheckpointBinaryReader(byte[] body, string path)
{
    /// <summary>The most dimensions a stored tensor may have (Torch itself allows far fewer in practice).</summary>
    public const int MaxRank = 8;

    /// <summary>The longest name or fingerprint string, in bytes.</summary>
    public const int MaxStringBytes = 1 << 20;

    private int _position;

    private int Remaining => body.Length - _position;

    public byte[] Bytes(int count, string what)
    {
        Need(count, what);
        var bytes = body.AsSpan(_position, count).ToArray();
        _position += count;
        return bytes;
    }

    public int Int32(string what)
    {
        Need(sizeof(int), what);
        var value = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(_position));
        _position += sizeof(int);
        return value;
    }

    public long Int64(string what)
    {
        Need(sizeof(long), what);
        var value = BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(_position));
        _position += sizeof(long);
        return value;
    }

    public ulong UInt64(string what) => unchecked((ulong)Int64(what));

    public bool Boolean(string what)
    {
        Need(1, what);
        var value = body[_position++];
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Bad($"{what} is the byte {value}; a flag is 0 or 1"),
        };
    }

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> stores it: a 7-bit encoded byte count, then UTF-8.</summary>
    public string String(string what)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw Bad($"{what}'s length prefix is malformed");
            }

            Need(1, what);
            var b = body[_position++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (length < 0 || length > MaxStringBytes)
        {
            throw Bad($"{what} claims {length} bytes; at most {MaxStringBytes} are allowed");
        }

        Need(length, what);
        var text = Encoding.UTF8.GetString(body, _position, length);
        _position += length;
        return text;
    }

    /// <summary>A count of items that take at least <paramref name="minimumBytesEach"/> bytes each: refused when the file cannot hold them.</summary>
    public int Count(string what, int minimumBytesEach)
    {
        var count = Int32(what);
        if (count < 0 || (long)count * minimumBytesEach > Remaining)
        {
            throw Bad($"{what} is {count}, but {Remaining} bytes are left for them (at least {minimumBytesEach} each)");
        }

        return count;
    }

    /// <summary>One tensor: name, rank, shape, length and float32 values, the shape's product equal to the length.</summary>
    public TrainingCheckpoint.TensorBlob Tensor(string what)
    {
        var name = String($"{what} name");
        var rank = Int32($"{what} ({name}) rank");
        if (rank is < 0 or > MaxRank)
        {
            throw Bad($"{what} ({name}) has rank {rank}; it must be in [0, {MaxRank}]");
        }

        var shape = new long[rank];
        long elements = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = Int64($"{what} ({name}) dimension {d}");
            if (shape[d] < 0 || shape[d] > int.MaxValue)
            {
                throw Bad($"{what} ({name}) dimension {d} is {shape[d]}; it must be in [0, {int.MaxValue}]");
            }

            elements = elements > int.MaxValue ? elements : elements * shape[d];
        }

        var length = Int32($"{what} ({name}) length");
        if (length < 0 || (long)length * sizeof(float) > Remaining)
        {
            throw Bad($"{what} ({name}) claims {length} values, but {Remaining} bytes are left");
        }

        if (elements != length)
        {
            throw Bad($"{what} ({name}) has shape [{string.Join(", ", shape)}] ({elements} values) but stores {length}");
        }

        var values = new float[length];
        Buffer.BlockCopy(body, _position, values, 0, length * sizeof(float));
        _position += length * sizeof(float);
        return new TrainingCheckpoint.TensorBlob(name, shape, values);
    }

    /// <summary>Refuses bytes left over after the last field: the file is not what its counts say.</summary>
    public void End()
    {
        if (Remaining != 0)
        {
            throw Bad($"{Remaining} bytes follow the last field");
        }
    }

    public CheckpointException Bad(string problem) => new($"checkpoint {path} is malformed: {problem}.");

    private void Need(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw new CheckpointException($"checkpoint {path} is truncated (reading {what}).");
        }
    }
}
