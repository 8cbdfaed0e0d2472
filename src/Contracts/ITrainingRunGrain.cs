using Orleans.Concurrency;

namespace Orchestrator.Contracts;

/// <summary>
/// One trial's training run (key: <see cref="TrialSpec.GrainKey"/>). It owns the model, trains epoch by
/// epoch off the Orleans scheduler, checkpoints, and reports to its sweep coordinator.
/// </summary>
public interface ITrainingRunGrain : IGrainWithStringKey
{
    /// <summary>Starts training <paramref name="spec"/> (idempotent: a started or finished trial is left alone).</summary>
    Task Start(TrialSpec spec);

    /// <summary>
    /// The coordinator's watchdog: if the trial should be running but no epoch loop is (its silo died and
    /// this is a fresh activation), resume it from its last checkpoint. Returns the status.
    /// </summary>
    Task<TrialStatus> EnsureRunning();

    /// <summary>The trial's status; answered while an epoch is running.</summary>
    [AlwaysInterleave]
    Task<TrialStatus> GetStatus();

    /// <summary>Asks the run to stop after the current epoch; it ends as <see cref="TrialState.Cancelled"/>.</summary>
    [AlwaysInterleave]
    Task Cancel(string reason);

    /// <summary>
    /// The coordinator's scheduler pruned the trial: as <see cref="Cancel"/>, and the model at its last recorded
    /// epoch is tested, so the pruned trial still reports a test accuracy. Returns the run's status once it has
    /// ended (test pass included), or as it stands after a bounded wait, so the coordinator holds the pruned
    /// trial's numbers before it may end the sweep.
    /// </summary>
    [AlwaysInterleave]
    Task<TrialStatus> Prune(string reason);
    /// <summary>Deletes the trial's stored state (its sweep is being deleted) and deactivates; refused while it trains.</summary>
    Task Forget();
}
