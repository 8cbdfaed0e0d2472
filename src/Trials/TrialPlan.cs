using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

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

    /// <summary>
    /// Asked when the run is cancelled: true when the cancel is a cross-trial scheduler's prune, whose model at the
    /// last recorded epoch is a result (the pruned trial reports its test accuracy); false for a user's cancel or a
    /// move to another silo. The test pass runs only on that epoch's model: when the cancel interrupted an epoch
    /// that had no hand-off copy, the model is put back from the checkpoint of that epoch, and without one no test runs.
    /// </summary>
    public Func<bool>? TestAfterPrune { get; init; }

    /// <summary>Whether monitoring runs while the next epoch trains (the default) or holds each epoch until its decision.</summary>
    public MonitoringMode Monitoring { get; init; } = MonitoringMode.Concurrent;

    /// <summary>
    /// Probe and record the connectome's signals even when the criterion reads none of them (VL, NP, none), so
    /// reports can compare them; off, such a trial skips the probe pass, the connectome and the decomposition.
    /// </summary>
    public bool RecordTopology { get; init; }

    /// <summary>Whether each epoch needs the probe pass and connectome.</summary>
    internal bool Probes => RecordTopology || (Signals & (CriterionSignals.GraphDistance | CriterionSignals.DiagramDistance)) != 0;

    /// <summary>
    /// Whether epochs hand their monitoring off: only when asked and when there is work worth moving (a connectome
    /// or neural persistence). VL's and none's criteria take microseconds: copying the model to hand them off would cost more.
    /// </summary>
    internal bool Overlaps => Monitoring == MonitoringMode.Concurrent && (Probes || Signals.HasFlag(CriterionSignals.NeuralPersistence));

    /// <summary>What the session does after training each epoch.</summary>
    internal EpochProbe Probe => !Probes ? EpochProbe.None : Overlaps ? EpochProbe.Activations : EpochProbe.Connectome;
}
