using System.CommandLine;
using Orchestrator.Data;
using Spectre.Console;

namespace Orchestrator.Silo.Worker;

/// <summary>The worker's <c>data list</c> verb: which datasets are available, where, and how to get the missing ones.</summary>
internal static class DataListVerb
{
    public static Command Create()
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Dataset directory (default $ORCHESTRATOR_DATA_DIR or ~/.cache/orchestrator/data)." };
        var list = new Command("list", "Lists the datasets, where they are, and how to install missing ones.") { dataDirectory };
        list.SetAction(parse =>
        {
            var directory = parse.GetValue(dataDirectory);
            var table = new Table().AddColumns("dataset", "status", "location", "details", "to install");
            foreach (var d in DatasetCatalog.Default.Survey(directory))
            {
                table.AddRow(
                    Markup.Escape(d.Name),
                    d.Available ? "[green]available[/]" : "[red]missing[/]",
                    Markup.Escape(d.Location),
                    Markup.Escape(d.Detail),
                    Markup.Escape(d.InstallHint));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"data directory: {Markup.Escape(DataDirectory.Resolve(directory))} (set {DataDirectory.EnvironmentVariable} to change it)");
            return 0;
        });
        var data = new Command("data", "Datasets on this machine.");
        data.Subcommands.Add(list);
        return data;
    }
}
