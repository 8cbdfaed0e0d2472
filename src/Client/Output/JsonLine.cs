using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Output;

/// <summary>
/// Builds one JSON object on one line with numbers in shortest round-trip form (invariant culture), and
/// writes it in large chunks so that arrays of millions of numbers stream out quickly. Callers finish all
/// computation first, so a failing command never prints half an object.
/// </summary>
internal sealed class JsonLine
{
    private const int ChunkSize = 1 << 16;
    private readonly TextWriter _writer;
    private readonly StringBuilder _buffer = new();
    private bool _first = true;

    public JsonLine(TextWriter writer)
    {
        _writer = writer;
        _buffer.Append('{');
    }

    public JsonLine Number(string name, long value) => Name(name).Raw(value.ToString(CultureInfo.InvariantCulture));

    public JsonLine Number(string name, double value) => Name(name).Raw(Format(value));

    public JsonLine Numbers(string name, ReadOnlySpan<float> values)
    {
        Name(name).Raw("[");
        for (var k = 0; k < values.Length; k++)
        {
            if (k > 0)
            {
                _buffer.Append(',');
            }

            _buffer.Append(Format(values[k]));
            if (_buffer.Length >= ChunkSize)
            {
                Flush();
            }
        }

        return Raw("]");
    }

    public void End()
    {
        _buffer.Append('}');
        _writer.WriteLine(_buffer.ToString());
        _buffer.Clear();
        _writer.Flush();
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

    private JsonLine Name(string name)
    {
        if (!_first)
        {
            _buffer.Append(',');
        }

        _first = false;
        _buffer.Append('"').Append(name).Append("\":");
        return this;
    }

    private JsonLine Raw(string text)
    {
        _buffer.Append(text);
        return this;
    }

    private void Flush()
    {
        _writer.Write(_buffer.ToString());
        _buffer.Clear();
    }
}
