using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>A <see cref="RecordTable"/> for machines: CSV (RFC 4180) or a JSON array of objects.</summary>
internal static class RecordTableFormats
{
    public static string Csv(RecordTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', table.Columns.Select(c => Quote(c.Name))));
        foreach (var row in table.Rows)
        {
            csv.AppendLine(string.Join(',', row.Select(Quote)));
        }

        return csv.ToString();
    }

    public static JsonArray Json(RecordTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var array = new JsonArray();
        foreach (var row in table.Rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                item[column.Name] = row[i].Length == 0
                    ? null
                    : column.Numeric && double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? JsonValue.Create(number)
                        : JsonValue.Create(row[i]);
            }

            array.Add(item);
        }

        return array;
    }

    private static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
