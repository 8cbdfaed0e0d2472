using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>A cross-trial scheduler that prunes trials behind the others (<c>median</c>, <c>asha</c>), with its parameters.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepTrialScheduler
{
    /// <summary>The scheduler's name.</summary>
    [Id(0)]
    public required string Type { get; init; }

    /// <summary>Its parameters by name, as text (e.g. <c>reductionFactor</c> = <c>3</c>).</summary>
    [Id(1)]
    public ImmutableArray<NamedValue> Parameters { get; init; } = [];
}
