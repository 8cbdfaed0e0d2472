using System.CommandLine;
using Orchestrator.Client.Output;
using Orchestrator.Data;

namespace Orchestrator.Client.Commands;

/// <summary>
/// `orchestrator data list`: where every dataset of the catalog stands on this machine. The catalog is
/// Torch-free (src/Data), so the CLI answers it itself and prints it like its other tables: fitted to the
/// terminal's width (paths never broken), or as JSON/CSV.
/// </summary>
internal static class DataCommands
{
    public static Command Create(CliContext context)
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = $"Dataset directory (default ${DataDirectory.EnvironmentVariable} or ~/.cache/orchestrator/data)." };
        var format = new OutputFormatOptions();
        var list = new Command("list", "Lists the datasets, where they are, and how to install missing ones.") { dataDirectory, format.Json, format.Csv };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = format.Read(parse);
            var directory = parse.GetValue(dataDirectory);
            await chosen.WriteAsync(context.Stdout, Table(DatasetCatalog.Default.Survey(directory)), rows => rows, heading: null);
            if (chosen.Format == OutputFormatOptions.Format.Table)
            {
                await context.Stdout.WriteLineAsync(
                    $"data directory: {DataDirectory.Resolve(directory)} (set {DataDirectory.EnvironmentVariable} to change it)");
            }

            return ExitCodes.Ok;
        });
        return new Command("data", "Datasets on this machine.") { list };
    }

    // Every column has priority 0: where a dataset is and how to install it are the point of the list, so a
    // narrow terminal gets one record per block rather than a table without them.
    private static RecordTable Table(IReadOnlyList<DatasetAvailability> datasets) => new(
        [
            new RecordColumn("dataset", 0),
            new RecordColumn("status", 0),
            new RecordColumn("location", 0),
            new RecordColumn("details", 0),
            new RecordColumn("to_install", 0),
        ],
        [.. datasets.Select(d => (IReadOnlyList<string>)[d.Name, d.Available ? "available" : "missing", d.Location, d.Detail, d.InstallHint])]);
}
