namespace Orchestrator.Contracts;

/// <summary>The losses and accuracies of one epoch.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochLosses
{
    /// <summary>Mean training loss (NaN/∞ when the epoch diverged).</summary>
    [Id(0)]
    public double Training { get; init; }

    /// <summary>Validation loss when the trial holds out a validation split.</summary>
    [Id(1)]
    public double? Validation { get; init; }

    /// <summary>Validation accuracy when the trial holds out a validation split.</summary>
    [Id(2)]
    public double? ValidationAccuracy { get; init; }

    /// <summary>Test loss after this epoch, when recorded (monitoring only: never given to a criterion).</summary>
    [Id(3)]
    public double? Test { get; init; }

    /// <summary>Test accuracy after this epoch, when recorded (monitoring only: never given to a criterion).</summary>
    [Id(4)]
    public double? TestAccuracy { get; init; }
}
