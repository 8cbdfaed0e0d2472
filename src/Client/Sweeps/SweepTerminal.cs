using Orchestrator.Client.Core.Sweeps;
using Spectre.Console;

namespace Orchestrator.Client.Sweeps;

/// <summary>
/// Watches a sweep for the CLI: a live table on a terminal, one line per state change otherwise, then writes
/// the results and turns the outcome into the exit code.
/// </summary>
internal static class SweepTerminal
{
    public static async Task<SweepWatch> WatchAsync(CliContext context, IClusterClient client, string sweepId, CancellationToken cancel)
    {
        var monitor = new SweepMonitor(client);
        var interactive = ReferenceEquals(context.Stdout, Console.Out) && !Console.IsOutputRedirected;
        if (!interactive)
        {
            return await monitor.WatchAsync(sweepId, new SweepLines(context.Stdout), cancel);
        }

        SweepWatch? watch = null;
        var initial = SweepView.Render(await client.GetGrain<Contracts.ISweepCoordinatorGrain>(sweepId).GetStatus());
        await AnsiConsole.Console.Live(initial).AutoClear(false).StartAsync(async live =>
        {
            watch = await monitor.WatchAsync(sweepId, new SweepLiveTable(live), cancel);
        });
        return watch!;
    }

    /// <summary>Writes the results of <paramref name="watch"/>, says where, and returns the exit code.</summary>
    public static async Task<int> FinishAsync(CliContext context, IClusterClient client, SweepWatch watch, string resultsRoot)
    {
        var outcome = await SweepOutcome.WriteAsync(client, watch, resultsRoot);
        await context.Stdout.WriteLineAsync($"{SweepView.Progress(outcome.Status)}; results{(outcome.Partial ? " (partial)" : string.Empty)} in {outcome.Directory}");
        if (outcome.Partial)
        {
            return ExitCodes.Cancelled;
        }

        return outcome.AnyFailed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
