using Orchestrator.Contracts;

namespace Orchestrator.Trials;

/// <summary>
/// The topology side of a trial as the <see cref="TrialEngine"/> sees it: it turns each epoch's snapshot
/// into a record and a stopping decision, and keeps the records so a resumed run rebuilds its criterion.
/// <see cref="LocalTrialMonitor"/> computes in process (the <c>train</c> verb); the sweep's run grain uses
/// one that calls its topology grain.
/// </summary>
public interface ITrialMonitor
{
    /// <summary>
    /// Prepares the criterion for a run whose training has completed <paramref name="completedEpochs"/> epochs
    /// (0: a fresh run) and returns the records kept up to that epoch, in order.
    /// </summary>
    Task<IReadOnlyList<EpochRecord>> ResumeAsync(int completedEpochs, CancellationToken cancellationToken);

    /// <summary>Records one finished epoch and decides whether the trial goes on.</summary>
    Task<TopologyDecision> ObserveAsync(EpochSnapshotMessage snapshot, CancellationToken cancellationToken);

    /// <summary>The training checkpoint now holds <paramref name="epoch"/>: keep what a resume from it needs.</summary>
    Task CheckpointedAsync(int epoch, CancellationToken cancellationToken);
}
