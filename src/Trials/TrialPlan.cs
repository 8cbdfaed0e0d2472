using Orchestrator.Topology.Stopping;

namespace Orchestrator.Trials;

/// <summary>How the <see cref="TrialEngine"/> runs one trial.</summary>
/// <param name="MaxEpochs">The epoch limit.</param>
/// <param name="Signals">The signals the trial's criterion reads (weights are copied off the device only for neural persistence).</param>
public sealed record TrialPlan(int MaxEpochs, CriterionSignals Signals)
{
    /// <summary>The training checkpoint to write (null: none).</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Checkpoint every this many epochs, and always at the criterion's stop.</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Evaluates the test split after every epoch (monitoring only: criteria never see it).</summary>
    public bool RecordTestAccuracy { get; init; }

    /// <summary>
    /// Whether a run resumed at an epoch whose record holds the criterion's stop ends there at once: for a sweep's
    /// trial the process died between the stop and the end. The <c>train</c> verb turns it off, since resuming a
    /// finished run there means training on (e.g. with more <c>--epochs</c>).
    /// </summary>
    public bool EndsAtRecordedStop { get; init; } = true;

    /// <summary>Evaluates the test split when a run with epochs is cancelled (the <c>train</c> verb's partial results).</summary>
    public bool TestAfterCancel { get; init; }
}
