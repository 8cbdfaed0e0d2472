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
}
