using System.Buffers;
using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Output;

/// <summary>
/// Builds one JSON object on one line with numbers in shortest round-trip form (invariant culture). Numbers are
/// formatted straight into UTF-8 bytes (no string per number) and written in large chunks, to the raw standard
/// output stream when the writer is the console: `topology decompose` at n = 3000 writes 4.5 million numbers,
/// and a string per number cost more than the decomposition. Large arrays are formatted on all cores, in order.
/// Callers finish all computation first, so a failing command never prints half an object.
/// </summary>
internal sealed class JsonLine
{
    private const int ChunkSize = 1 << 16;

    // Below this many values one thread formats faster than handing work out.
    private const int ParallelThreshold = 1 << 16;
    private const int MaxNumberBytes = 32;
    private readonly TextWriter _writer;
    private readonly Stream? _stream;
    private readonly byte[] _buffer = new byte[ChunkSize + 1024];
    private int _length;
    private bool _first = true;

    public JsonLine(TextWriter writer)
    {
        _writer = writer;
        _stream = ConsoleStream.For(writer);
        _buffer[_length++] = (byte)'{';
    }

    public JsonLine Number(string name, long value)
    {
        Name(name);
        _length += Write(value, _buffer.AsSpan(_length));
        return this;
    }

    public JsonLine Number(string name, double value)
    {
        Name(name);
        _length += Write(value, _buffer.AsSpan(_length));
        return this;
    }

    public JsonLine Numbers(string name, ReadOnlySpan<float> values)
    {
        Name(name);
        Raw((byte)'[');
        if (values.Length >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            NumbersInParallel(values.ToArray());
        }
        else
        {
            for (var k = 0; k < values.Length; k++)
            {
                if (k > 0)
                {
                    _buffer[_length++] = (byte)',';
                }

                _length += Write(values[k], _buffer.AsSpan(_length));
                if (_length >= ChunkSize)
                {
                    Flush();
                }
            }
        }

        Raw((byte)']');
        return this;
    }

    public void End()
    {
        Raw((byte)'}');
        Raw((byte)'\n');
        Flush();
        if (_stream is null)
        {
            _writer.Flush();
        }
        else
        {
            _stream.Flush();
        }
    }

    /// <summary>Shortest text that parses back to the same double; finite only (JSON has no NaN).</summary>
    public static string Format(double value) =>
        double.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");

    /// <summary>Shortest text that parses back to the same float.</summary>
    public static string Format(float value) =>
        float.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");

    private static int Write(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static int Write(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        }

        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int Write(float value, Span<byte> destination)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        }

        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Formats slices of <paramref name="values"/> on the thread pool, each into its own buffer, and writes them in order.</summary>
    private void NumbersInParallel(float[] values)
    {
        var slices = Math.Min(Environment.ProcessorCount * 4, (values.Length + ParallelThreshold - 1) / ParallelThreshold);
        var size = (values.Length + slices - 1) / slices;
        var formatted = new (byte[] Bytes, int Length)[slices];
        Parallel.For(0, slices, s =>
        {
            var start = s * size;
            var end = Math.Min(values.Length, start + size);
            var bytes = ArrayPool<byte>.Shared.Rent((end - start) * MaxNumberBytes);
            var length = 0;
            for (var k = start; k < end; k++)
            {
                if (k > 0)
                {
                    bytes[length++] = (byte)',';
                }

                length += Write(values[k], bytes.AsSpan(length));
            }

            formatted[s] = (bytes, length);
        });
        Flush();
        foreach (var (bytes, length) in formatted)
        {
            WriteOut(bytes.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void Name(string name)
    {
        if (!_first)
        {
            Raw((byte)',');
        }

        _first = false;
        Raw((byte)'"');
        _length += Encoding.UTF8.GetBytes(name, _buffer.AsSpan(_length));
        Raw((byte)'"');
        Raw((byte)':');
    }

    private void Raw(byte b)
    {
        if (_length >= ChunkSize)
        {
            Flush();
        }

        _buffer[_length++] = b;
    }

    private void Flush()
    {
        WriteOut(_buffer.AsSpan(0, _length));
        _length = 0;
    }

    private void WriteOut(ReadOnlySpan<byte> bytes)
    {
        if (_stream is not null)
        {
            _stream.Write(bytes);
            return;
        }

        // A captured writer (tests, redirection inside the process): decode chunk by chunk, no string per number.
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(Math.Min(bytes.Length, ChunkSize)));
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += ChunkSize)
            {
                var slice = bytes.Slice(offset, Math.Min(ChunkSize, bytes.Length - offset));
                var count = Encoding.UTF8.GetChars(slice, chars);
                _writer.Write(chars, 0, count);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
