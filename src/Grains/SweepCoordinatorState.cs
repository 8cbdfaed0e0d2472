using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// Persisted state of a sweep coordinator: the sweep and a compact index of its trials. Each trial's status and
/// search objectives live in a record of their own (<see cref="SweepTrialRecord"/>, positions
/// 0 … <see cref="TrialCount"/> − 1), so a trial event writes that record and not this state, whose size does not
/// grow with the trials (issue 16, item 14: the whole trial list used to be rewritten on every event).
/// </summary>
[GenerateSerializer]
public sealed record SweepCoordinatorState
{
    /// <summary>The sweep as submitted (null before Submit).</summary>
    [Id(0)]
    public SweepDefinition? Definition { get; init; }

    // Id(1) held the whole trial list and Id(5) every objective before they moved into the per-trial records.

    /// <summary>Sweep state.</summary>
    [Id(2)]
    public SweepState State { get; init; }

    /// <summary>Submission time (UTC).</summary>
    [Id(3)]
    public DateTime SubmittedAt { get; init; }

    /// <summary>End time (UTC).</summary>
    [Id(4)]
    public DateTime? FinishedAt { get; init; }

    /// <summary>True once a search's sampler had nothing left to propose (an exhausted grid) before its trial count.</summary>
    [Id(6)]
    public bool SearchExhausted { get; init; }

    /// <summary>How many per-trial records the sweep has (its trials, in expansion or proposal order).</summary>
    [Id(7)]
    public int TrialCount { get; init; }
}
