using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>Persisted state of a run grain: enough to resume on any silo after this one died.</summary>
[GenerateSerializer]
public sealed record TrainingRunState
{
    /// <summary>The trial (null before Start).</summary>
    [Id(0)]
    public TrialSpec? Spec { get; init; }

    /// <summary>The trial's state and numbers as last reported.</summary>
    [Id(1)]
    public TrialStatus? Status { get; init; }

    /// <summary>The last epoch saved in the checkpoint (0: none).</summary>
    [Id(2)]
    public int CheckpointEpoch { get; init; }

    /// <summary>
    /// The run holds a training slot on its silo (it trains, or loads to train). A trial that died while only
    /// waiting for a slot lost nothing and is not counted as restarted.
    /// </summary>
    [Id(3)]
    public bool HeldSlot { get; init; }
}
