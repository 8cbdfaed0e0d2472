using System.Collections.Immutable;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>Persisted state of a topology grain: the persistence time series.</summary>
[GenerateSerializer]
public sealed record TopologyGrainState
{
    /// <summary>One record per epoch, in order.</summary>
    [Id(0)]
    public ImmutableArray<EpochRecord> Series { get; init; } = [];
}
