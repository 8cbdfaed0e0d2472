namespace Orchestrator.Contracts;

/// <summary>What a search optimises: a metric of the validation hold-out (never the test split), and its direction.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SweepObjective
{
    /// <summary><c>validation_accuracy</c> or <c>validation_loss</c>.</summary>
    [Id(0)]
    public required string Metric { get; init; }

    /// <summary><c>max</c> or <c>min</c>.</summary>
    [Id(1)]
    public required string Mode { get; init; }
}
