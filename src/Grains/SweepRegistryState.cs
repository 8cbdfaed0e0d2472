using System.Collections.Immutable;

namespace Orchestrator.Grains;

/// <summary>Persisted state of the sweep registry.</summary>
[GenerateSerializer]
public sealed record SweepRegistryState
{
    /// <summary>Known sweep ids, sorted.</summary>
    [Id(0)]
    public ImmutableSortedSet<string> SweepIds { get; init; } = ImmutableSortedSet<string>.Empty;
}
