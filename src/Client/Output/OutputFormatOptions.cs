using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Client.Output;

/// <summary>
/// <c>--json</c> and <c>--csv</c> for a command that prints a table: the same rows for a script, all of them,
/// whatever the terminal's width.
/// </summary>
internal sealed class OutputFormatOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of a table (every column)." };

    public Option<bool> Csv { get; } = new("--csv") { Description = "Print CSV instead of a table (every column, a header row)." };

    public Chosen Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var json = parse.GetValue(Json);
        var csv = parse.GetValue(Csv);
        return json && csv
            ? throw new InputException("--json, --csv: choose one output format")
            : new Chosen(json ? Format.Json : csv ? Format.Csv : Format.Table);
    }

    /// <summary>The three ways a table is printed.</summary>
    public enum Format
    {
        Table,
        Json,
        Csv,
    }

    /// <summary>The format chosen on the command line.</summary>
    public sealed record Chosen(Format Format)
    {
        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

        /// <summary>Writes <paramref name="table"/>; <paramref name="wrap"/> puts the JSON rows in their envelope.</summary>
        public async Task WriteAsync(TextWriter output, RecordTable table, Func<JsonArray, JsonNode> wrap, string? heading)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(wrap);
            switch (Format)
            {
                case Format.Json:
                    await output.WriteLineAsync(wrap(RecordTableFormats.Json(table)).ToJsonString(Indented));
                    break;
                case Format.Csv:
                    await output.WriteAsync(RecordTableFormats.Csv(table));
                    break;
                default:
                    if (heading is not null)
                    {
                        await output.WriteLineAsync(heading);
                    }

                    await output.WriteAsync(RecordTableText.Render(table, TerminalWidth.Current));
                    break;
            }
        }
    }
}
