using System.Text;

namespace Orchestrator.Client.Output;

/// <summary>
/// A <see cref="RecordTable"/> as plain text no wider than the terminal: as many columns as fit, by priority,
/// each value on one line (an id or a number is never broken); when even the priority-0 columns do not fit,
/// one record per block, one "name: value" per line, long text wrapped at spaces only.
/// </summary>
internal static class RecordTableText
{
    private const string Separator = "  ";

    public static string Render(RecordTable table, int width)
    {
        ArgumentNullException.ThrowIfNull(table);
        var widths = table.Columns.Select((c, i) => Math.Max(c.Name.Length, table.Rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var shown = Enumerable.Range(0, table.Columns.Count).ToList();
        while (Width(shown, widths) > width && shown.Any(i => table.Columns[i].Priority > 0))
        {
            // Drop the lowest-priority column, the rightmost of equals (it is usually the least read).
            var drop = shown.OrderByDescending(i => table.Columns[i].Priority).ThenByDescending(i => i).First();
            shown.Remove(drop);
        }

        return Width(shown, widths) <= width ? Columns(table, shown, widths) : Records(table, width);
    }

    private static int Width(List<int> shown, int[] widths) => shown.Sum(i => widths[i]) + (Separator.Length * Math.Max(0, shown.Count - 1));

    private static string Columns(RecordTable table, List<int> shown, int[] widths)
    {
        var text = new StringBuilder();
        void Line(Func<int, string> value)
        {
            text.AppendLine(string.Join(Separator, shown.Select(i => table.Columns[i].Numeric ? value(i).PadLeft(widths[i]) : value(i).PadRight(widths[i]))).TrimEnd());
        }

        Line(i => table.Columns[i].Name);
        foreach (var row in table.Rows)
        {
            Line(i => row[i]);
        }

        return text.ToString();
    }

    private static string Records(RecordTable table, int width)
    {
        var text = new StringBuilder();
        var label = table.Columns.Max(c => c.Name.Length) + 2;
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (row[i].Length == 0)
                {
                    continue;
                }

                if (width - label >= 10)
                {
                    var lines = Wrap(row[i], width - label);
                    text.AppendLine((table.Columns[i].Name + ":").PadRight(label) + lines[0]);
                    foreach (var more in lines.Skip(1))
                    {
                        text.AppendLine(new string(' ', label) + more);
                    }
                }
                else
                {
                    // Too narrow to put values beside their names: the name on its own line, the value below.
                    text.AppendLine(table.Columns[i].Name + ":");
                    foreach (var line in Wrap(row[i], Math.Max(1, width - 2)))
                    {
                        text.AppendLine("  " + line);
                    }
                }
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Breaks at spaces only: a single word longer than the line stays whole.</summary>
    public static List<string> Wrap(string value, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in value.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
