using System.Collections.Immutable;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// What a coordinator persists about one of its trials, stored under its own key
/// (<see cref="SweepTrialRecords"/>): a trial event rewrites this record only, never the whole sweep, so a write
/// costs the same at 20 trials as at 10,000.
/// </summary>
[GenerateSerializer]
public sealed record SweepTrialRecord
{
    /// <summary>The trial's status as the coordinator holds it (pending, running, pruned … with its numbers).</summary>
    [Id(0)]
    public required TrialStatus Status { get; init; }

    /// <summary>A search trial's objective per epoch (empty without a search): the search's memory, kept with its trial.</summary>
    [Id(1)]
    public ImmutableArray<TrialObjective> Objectives { get; init; } = [];
}
