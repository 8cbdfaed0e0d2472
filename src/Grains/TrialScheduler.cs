using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// The scheduling rule of a sweep, as a pure function: fill every free slot (concurrency minus running
/// trials) with the earliest pending trials, so no slot stays idle while trials wait.
/// </summary>
public static class TrialScheduler
{
    /// <summary>The pending trials to start now, in expansion order.</summary>
    public static IReadOnlyList<TrialSpec> NextToStart(IEnumerable<TrialStatus> trials, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var list = trials as IReadOnlyCollection<TrialStatus> ?? trials.ToList();
        var free = concurrency - list.Count(t => t.State == TrialState.Running);
        return free <= 0
            ? []
            : list.Where(t => t.State == TrialState.Pending).Take(free).Select(t => t.Spec).ToList();
    }

    /// <summary>
    /// Merges a trial's reported status into the one the coordinator holds: reports from before a
    /// resubmission or resume (a running report for a trial already final) are stale and ignored.
    /// </summary>
    public static TrialStatus Merge(TrialStatus held, TrialStatus reported)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(reported);
        if (held.State.IsFinal() && !reported.State.IsFinal())
        {
            return held;
        }

        // The coordinator prunes a trial and then cancels its run: the run's final report (cancelled) keeps the
        // pruning as its state and reason, with the run's own numbers. A run that ended by itself (its criterion or
        // maxEpochs) before the cancel reached it was not pruned: its own end is the truth.
        if (held.State == TrialState.Pruned && reported.State == TrialState.Cancelled)
        {
            return reported with { State = TrialState.Pruned, Reason = held.Reason, StopEpoch = held.StopEpoch ?? reported.StopEpoch };
        }

        return reported;
    }
}
