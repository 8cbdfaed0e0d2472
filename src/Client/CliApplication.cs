using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using System.CommandLine;
using Orchestrator.Client.Commands;

namespace Orchestrator.Client;

/// <summary>Composes the command groups of the `orchestrator` CLI and runs one invocation.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Orchestrator: training sweeps on Orleans that stop when the functional connectome settles.");
        var context = new CliContext(stdout, stderr);
        root.Subcommands.Add(TopologyCommands.Create(context));
        root.Subcommands.Add(LocalCommands.Create(context));
        root.Subcommands.Add(SweepCommands.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(DataCommands.Create(context));
        root.Subcommands.Add(DashboardCommand.Create(context));
        foreach (var verb in WorkerVerbCommands.Create(context))
        {
            root.Subcommands.Add(verb);
        }

        if (WorkerVerbCommands.Handles(args))
        {
            // The worker parses these (its --help included); only a missing worker is ours to report.
            return await RunGuardedAsync(stderr, () => WorkerVerbCommands.RunAsync(context, args, CancellationToken.None));
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await RunGuardedAsync(stderr, () => parseResult.InvokeAsync(configuration));
    }

    /// <summary>Runs a command, mapping failures to the exit-code contract (<see cref="ExitCodes"/>).</summary>
    private static async Task<int> RunGuardedAsync(TextWriter stderr, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (InputException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (EnvironmentException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Environment;
        }
        catch (SweepRejectedException ex)
        {
            // The silo's check of the sweep's own models and data: bad input, refused before any trial ran.
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (ClusterUnavailableException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.ClusterUnavailable;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // A bug, not bad input: say so plainly, with the type to search for, and keep the exit code contract.
            await stderr.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
