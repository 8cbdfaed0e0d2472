using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Files;

/// <summary>
/// Reads text lines (ending in <c>\n</c>, <c>\r\n</c> or <c>\r</c>) but refuses a line longer than
/// <see cref="MaxLineLength"/> characters, so a file without newlines (or <c>/dev/zero</c>) is an error after
/// a bounded read instead of a line that grows until memory runs out.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, string source)
{
    /// <summary>
    /// 16 Mi characters: a CSV row of the largest connectome (46,340 float32 values, at most 16 characters
    /// each) is under 0.8 Mi, so a longer line is not a matrix row.
    /// </summary>
    public const int MaxLineLength = 1 << 24;

    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>The next line without its terminator, or null at the end of the text.</summary>
    /// <exception cref="InputException">The line is longer than <see cref="MaxLineLength"/>.</exception>
    public string? ReadLine()
    {
        _line.Clear();
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                {
                    return any ? _line.ToString() : null;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var span = _buffer.AsSpan(_position, _length - _position);
            var end = span.IndexOfAny('\n', '\r');
            var take = end < 0 ? span.Length : end;
            if (_line.Length + take > MaxLineLength)
            {
                throw new InputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{source}: a line is longer than {MaxLineLength:N0} characters; a CSV matrix has one row of comma-separated numbers per line."));
            }

            _line.Append(span[..take]);
            _position += take;
            if (end >= 0)
            {
                _skipLineFeed = _buffer[_position] == '\r';
                _position++;
                return _line.ToString();
            }
        }
    }
}
