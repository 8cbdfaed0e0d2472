using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>A sweep as seen from outside: definition, state and one status per trial.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepStatus
{
    /// <summary>The sweep id.</summary>
    [Id(0)]
    public required string SweepId { get; init; }

    /// <summary>Sweep state.</summary>
    [Id(1)]
    public SweepState State { get; init; }

    /// <summary>The definition it was submitted with (null when unknown).</summary>
    [Id(2)]
    public SweepDefinition? Definition { get; init; }

    /// <summary>Every trial, in expansion order.</summary>
    [Id(3)]
    public ImmutableArray<TrialStatus> Trials { get; init; } = [];

    /// <summary>When the sweep was submitted (UTC).</summary>
    [Id(4)]
    public DateTime SubmittedAt { get; init; }

    /// <summary>When the last trial ended (UTC), if it did.</summary>
    [Id(5)]
    public DateTime? FinishedAt { get; init; }

    /// <summary>Trials in <paramref name="state"/>.</summary>
    public int Count(TrialState state) => Trials.Count(t => t.State == state);

    /// <summary>Trials in a final state.</summary>
    public int FinishedTrials => Trials.Count(t => t.State.IsFinal());
}
