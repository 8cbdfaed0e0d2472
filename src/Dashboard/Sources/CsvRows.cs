using System.Globalization;
using System.Text;

namespace Orchestrator.Dashboard.Sources;

/// <summary>A CSV file as the results writer writes it: a header row, RFC 4180 quoting, invariant numbers.</summary>
internal sealed class CsvRows
{
    private readonly Dictionary<string, int> _columns;

    private CsvRows(Dictionary<string, int> columns, List<string[]> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvRows Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path} is missing; serve a folder written by `./orchestrator local run` (it holds sweep.json, trials.csv and epochs.csv)");
        }

        var records = Parse(File.ReadAllText(path));
        if (records.Count == 0)
        {
            throw new InputException($"{path} is empty: it needs a header row");
        }

        var columns = records[0].Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        return new CsvRows(columns, records.Skip(1).Where(r => r.Length > 1 || r[0].Length > 0).ToList());
    }

    public void Require(string path, params string[] columns)
    {
        var missing = columns.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException($"{path}: missing column(s) {string.Join(", ", missing)}; re-run the sweep to rewrite its results folder");
        }
    }

    public string Text(string[] row, string column) =>
        _columns.TryGetValue(column, out var i) && i < row.Length ? row[i] : string.Empty;

    public double? Number(string[] row, string column) =>
        Text(row, column) is { Length: > 0 } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public int? Integer(string[] row, string column) => Number(row, column) is { } value ? (int)value : null;

    private static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
