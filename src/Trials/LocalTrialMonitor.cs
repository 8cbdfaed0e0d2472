using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Trials;

/// <summary>
/// A <see cref="ITrialMonitor"/> that runs the criterion in this process over a <see cref="TopologySeries"/>,
/// keeping its records in a <see cref="RunJournal"/> next to the checkpoint.
/// </summary>
/// <param name="criterion">A fresh criterion instance (the series replays the journal into it).</param>
/// <param name="signals">The signals <paramref name="criterion"/> reads.</param>
/// <param name="resumeCheckpoint">The checkpoint the run resumed from, whose journal is read (null: none).</param>
/// <param name="checkpoint">The checkpoint the run writes, next to which the journal is written (null: none).</param>
public sealed class LocalTrialMonitor(IStoppingCriterion criterion, CriterionSignals signals, string? resumeCheckpoint = null, string? checkpoint = null)
    : ITrialMonitor
{
    private TopologySeries? _series;
    private EpochSnapshotMessage? _last;

    /// <summary>Whether <see cref="ResumeAsync"/> found a journal to replay.</summary>
    public bool JournalFound { get; private set; }

    /// <inheritdoc />
    public Task<IReadOnlyList<EpochRecord>> ResumeAsync(int completedEpochs, CancellationToken cancellationToken)
    {
        var journal = completedEpochs > 0 && resumeCheckpoint is not null ? RunJournal.TryRead(resumeCheckpoint) : null;
        JournalFound = journal is not null;
        List<EpochRecord> kept = [.. journal?.Records.Where(r => r.Epoch <= completedEpochs) ?? []];

        // The journal's connectome is its last record's; it seeds distances only if that is the checkpoint's epoch.
        var previous = journal is { ConnectomeSize: > 0, Records: [.., var last] } && last.Epoch == completedEpochs
            ? journal.LastConnectomeValues()
            : null;
        _series = new TopologySeries(criterion, signals, kept, previous);
        return Task.FromResult<IReadOnlyList<EpochRecord>>(kept);
    }

    /// <inheritdoc />
    public Task<TopologyDecision> ObserveAsync(EpochSnapshotMessage snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _series ??= new TopologySeries(criterion, signals, [], null);
        var (record, decision) = _series.Observe(snapshot);
        _last = snapshot;
        return Task.FromResult(new TopologyDecision { ShouldStop = decision.ShouldStop, Reason = decision.Reason, BestEpoch = decision.BestEpoch, Record = record });
    }

    /// <inheritdoc />
    public Task CheckpointedAsync(int epoch, CancellationToken cancellationToken)
    {
        // Written after the checkpoint, so a journal is never ahead of the weights it belongs to.
        if (checkpoint is not null && _series is not null && _last is { } last && last.Epoch == epoch)
        {
            RunJournal.Create(_series.Records, last.ConnectomeSize, last.Connectome).Write(checkpoint);
        }

        return Task.CompletedTask;
    }
}
