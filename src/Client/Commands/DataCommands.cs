using System.CommandLine;
using Orchestrator.Client.Worker;

namespace Orchestrator.Client.Commands;

/// <summary>`orchestrator data list`: the datasets on this machine (asked of the worker, which owns the loaders).</summary>
internal static class DataCommands
{
    public static Command Create(CliContext context)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Dataset directory (default $ORCHESTRATOR_DATA_DIR or ~/.cache/orchestrator/data)." };
        var list = new Command("list", "Shows which datasets are available and where; for a missing one, the command that installs it.") { dataDir };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var arguments = new List<string> { "data", "list" };
            if (parse.GetValue(dataDir) is { } directory)
            {
                arguments.AddRange(["--data-dir", directory]);
            }

            return await WorkerProcess.Locate().RunAsync(arguments, context.Stdout, context.Stderr, cancellationToken);
        });
        var data = new Command("data", "Datasets: what is installed and where.");
        data.Subcommands.Add(list);
        return data;
    }
}
