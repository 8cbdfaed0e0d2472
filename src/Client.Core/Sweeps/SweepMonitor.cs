using Orchestrator.Contracts;
using Spectre.Console;

namespace Orchestrator.Client.Sweeps;

/// <summary>
/// Watches a sweep until every trial is final, with a live table on a terminal (one line per state change
/// otherwise). When <c>cancel</c> fires (Ctrl-C) it cancels the sweep once and keeps watching until the
/// running trials have stopped, which takes at most one epoch.
/// </summary>
internal sealed class SweepMonitor(CliContext context, IClusterClient client)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<(SweepStatus Status, bool Cancelled)> WatchAsync(string sweepId, CancellationToken cancel)
    {
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>(sweepId);
        var cancelled = false;
        var interactive = ReferenceEquals(context.Stdout, Console.Out) && !Console.IsOutputRedirected;
        SweepStatus status = await coordinator.GetStatus();
        if (interactive)
        {
            var console = AnsiConsole.Console;
            await console.Live(SweepView.Render(status)).AutoClear(false).StartAsync(async live =>
            {
                while (true)
                {
                    (status, cancelled) = await StepAsync(coordinator, cancel, cancelled);
                    live.UpdateTarget(SweepView.Render(status));
                    if (IsDone(status))
                    {
                        return;
                    }

                    await Task.Delay(PollInterval, CancellationToken.None);
                }
            });
        }
        else
        {
            var seen = new Dictionary<string, TrialState>(StringComparer.Ordinal);
            while (true)
            {
                (status, cancelled) = await StepAsync(coordinator, cancel, cancelled);
                foreach (var t in status.Trials)
                {
                    if (!seen.TryGetValue(t.Spec.Id, out var state) || state != t.State)
                    {
                        seen[t.Spec.Id] = t.State;
                        var reason = t.Reason.Length > 0 ? $" ({t.Reason})" : string.Empty;
                        await context.Stdout.WriteLineAsync($"{t.Spec.Id} {t.Spec.Stopping.Describe()} seed {t.Spec.Seed}: {t.State} after {t.EpochsRun} epochs{reason} — {SweepView.Progress(status)}");
                    }
                }

                if (IsDone(status))
                {
                    break;
                }

                await Task.Delay(PollInterval, CancellationToken.None);
            }
        }

        return (status, cancelled);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>>> EpochsAsync(SweepStatus sweep)
    {
        var series = await Task.WhenAll(sweep.Trials.Select(async t => (t.Spec.Id, Records: (IReadOnlyList<EpochRecord>)await client.GetGrain<ITopologyGrain>(t.Spec.GrainKey).GetSeries())));
        return series.ToDictionary(s => s.Id, s => s.Records, StringComparer.Ordinal);
    }

    private static bool IsDone(SweepStatus status) =>
        status.State is SweepState.Finished or SweepState.Cancelled or SweepState.Unknown && status.Trials.All(t => t.State.IsFinal());

    private static async Task<(SweepStatus, bool)> StepAsync(ISweepCoordinatorGrain coordinator, CancellationToken cancel, bool cancelled)
    {
        if (cancel.IsCancellationRequested && !cancelled)
        {
            await coordinator.Cancel();
            cancelled = true;
        }

        return (await coordinator.GetStatus(), cancelled);
    }
}
