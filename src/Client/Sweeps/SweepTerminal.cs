using Orchestrator.Client.Core.Sweeps;
using Spectre.Console;

namespace Orchestrator.Client.Sweeps;

/// <summary>
/// Watches a sweep for the CLI: a live table on a terminal, one line per state change otherwise, then writes
/// the results and turns the outcome into the exit code.
/// </summary>
internal static class SweepTerminal
{
    public static Task<SweepWatch> WatchAsync(CliContext context, IClusterClient client, string sweepId, CancellationToken cancel) =>
        WatchAsync(context, client, sweepId, cancel, WatchStop.CancelSweep);

    /// <summary>
    /// Watches until the sweep ends or <paramref name="cancel"/> fires, then does what <paramref name="onStop"/> says;
    /// <paramref name="wrap"/>, when given, wraps the terminal's progress (e.g. in <see cref="FinishedTrialResults"/>).
    /// </summary>
    public static async Task<SweepWatch> WatchAsync(CliContext context, IClusterClient client, string sweepId, CancellationToken cancel, WatchStop onStop, Func<ISweepProgress, ISweepProgress>? wrap = null)
    {
        var monitor = new SweepMonitor(client);
        var interactive = ReferenceEquals(context.Stdout, Console.Out) && !Console.IsOutputRedirected;
        wrap ??= progress => progress;
        if (!interactive)
        {
            return await monitor.WatchAsync(sweepId, wrap(new SweepLines(context.Stdout)), cancel, onStop);
        }

        SweepWatch? watch = null;
        var initial = new Text(SweepView.Render(await client.GetGrain<Contracts.ISweepCoordinatorGrain>(sweepId).GetStatus(), Output.TerminalWidth.Current));
        await AnsiConsole.Console.Live(initial).AutoClear(false).StartAsync(async live =>
        {
            watch = await monitor.WatchAsync(sweepId, wrap(new SweepLiveTable(live)), cancel, onStop);
        });
        return watch!;
    }

    /// <summary>
    /// Writes the results of <paramref name="watch"/>, says where and in what state the sweep is, and returns the
    /// exit code: 130 only when this watch cancelled the sweep (Ctrl-C on <c>local run</c>); exporting a running,
    /// detached or earlier-cancelled sweep is a successful export (0); a failed trial in a finished sweep is 1.
    /// </summary>
    public static async Task<int> FinishAsync(CliContext context, IClusterClient client, SweepWatch watch, string resultsRoot)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var outcome = await SweepOutcome.WriteAsync(client, watch, resultsRoot);
        var state = outcome.PartialReason is { } reason ? $"sweep {reason}" : "sweep finished";
        await context.Stdout.WriteLineAsync($"{state}: {SweepView.Progress(outcome.Status)}; results{(outcome.Partial ? " (partial)" : string.Empty)} in {outcome.Directory}");
        if (watch.Detached)
        {
            await context.Stderr.WriteLineAsync($"detached: {outcome.Status.SweepId} keeps running on the cluster; follow it again with `orchestrator sweep watch {outcome.Status.SweepId} --redis …`, stop it with `orchestrator sweep cancel {outcome.Status.SweepId} --redis …`.");
            return ExitCodes.Ok;
        }

        if (watch.Cancelled)
        {
            return ExitCodes.Cancelled;
        }

        return outcome.PartialReason is null && outcome.AnyFailed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
