namespace Orchestrator.Contracts;

/// <summary>The topology grain's answer to an epoch: go on or stop, and what it recorded.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TopologyDecision
{
    /// <summary>True to end the trial after this epoch.</summary>
    [Id(0)]
    public bool ShouldStop { get; init; }

    /// <summary>Why, in words.</summary>
    [Id(1)]
    public string Reason { get; init; } = string.Empty;

    /// <summary>The epoch the criterion considers best so far.</summary>
    [Id(2)]
    public int BestEpoch { get; init; }

    /// <summary>The record kept for this epoch.</summary>
    [Id(3)]
    public required EpochRecord Record { get; init; }
}
