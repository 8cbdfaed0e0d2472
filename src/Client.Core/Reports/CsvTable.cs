using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// A CSV file with a header row, read for the report. Every missing column or unreadable value is an
/// <see cref="InputException"/> naming the file, the row and the field.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        _columns = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path, string regenerate)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path} is missing; {regenerate}");
        }

        var lines = ParseRecords(File.ReadAllText(path)).ToList();
        if (lines.Count == 0)
        {
            throw new InputException($"{path} is empty: it needs a header row; {regenerate}");
        }

        return new CsvTable(path, lines[0], lines.Skip(1).Where(r => r.Length > 1 || r[0].Length > 0).ToList());
    }

    public IEnumerable<string> Columns => _columns.Keys;

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Throws, naming the file and every missing column, unless all <paramref name="columns"/> are there.</summary>
    public void Require(params string[] columns)
    {
        var missing = columns.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException($"{Path}: missing column{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(c => $"'{c}'"))}; the report needs them (written by `orchestrator local run` / `sweep submit --watch`): re-run or re-export the sweep");
        }
    }

    public string Text(string[] row, string column) => _columns.TryGetValue(column, out var i) && i < row.Length ? row[i] : string.Empty;

    public double? Number(string[] row, string column, int rowIndex)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputException($"{Path}: row {rowIndex + 2}, column '{column}': '{text}' is not a number");
    }

    /// <summary>An integer cell (written as a number), or null when empty.</summary>
    public int? Integer(string[] row, string column, int rowIndex) => Number(row, column, rowIndex) is { } value ? (int)value : null;

    public double RequiredNumber(string[] row, string column, int rowIndex) =>
        Number(row, column, rowIndex) ?? throw new InputException($"{Path}: row {rowIndex + 2}, column '{column}' is empty but the report needs a value");

    private static IEnumerable<string[]> ParseRecords(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields.ToArray();
                    fields.Clear();
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}
