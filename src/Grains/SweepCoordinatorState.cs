using System.Collections.Immutable;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>Persisted state of a sweep coordinator.</summary>
[GenerateSerializer]
public sealed record SweepCoordinatorState
{
    /// <summary>The sweep as submitted (null before Submit).</summary>
    [Id(0)]
    public SweepDefinition? Definition { get; init; }

    /// <summary>Every trial's status, in expansion order.</summary>
    [Id(1)]
    public ImmutableArray<TrialStatus> Trials { get; init; } = [];

    /// <summary>Sweep state.</summary>
    [Id(2)]
    public SweepState State { get; init; }

    /// <summary>Submission time (UTC).</summary>
    [Id(3)]
    public DateTime SubmittedAt { get; init; }

    /// <summary>End time (UTC).</summary>
    [Id(4)]
    public DateTime? FinishedAt { get; init; }

    /// <summary>
    /// A search's objective per trial (by id) and epoch, as measured on the hold-out: with the trial statuses, all a
    /// failed-over coordinator needs to rebuild the study and continue the same search.
    /// </summary>
    [Id(5)]
    public ImmutableArray<TrialObjective> Objectives { get; init; } = [];

    /// <summary>True once a search's sampler had nothing left to propose (an exhausted grid) before its trial count.</summary>
    [Id(6)]
    public bool SearchExhausted { get; init; }
}
