namespace Orchestrator.Contracts;

/// <summary>
/// One epoch of a trial as recorded: the sweep's topology series, the <c>train</c> verb's JSON report and
/// its resume journal all keep this one record, so a measurement added here reaches every consumer.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochRecord
{
    /// <summary>1-based epoch number.</summary>
    [Id(0)]
    public int Epoch { get; init; }

    /// <summary>Losses and accuracies measured after this epoch.</summary>
    [Id(1)]
    public EpochLosses Losses { get; init; } = new();

    /// <summary>The connectome's persistence summary and the signals computed for the criterion.</summary>
    [Id(2)]
    public EpochSignals Signals { get; init; } = new();

    /// <summary>Wall time by phase.</summary>
    [Id(3)]
    public EpochSeconds Seconds { get; init; } = new();

    /// <summary>The stopping decision after this epoch, in words ("" while continuing; "diverged" for a non-finite loss).</summary>
    [Id(4)]
    public string Decision { get; init; } = string.Empty;
}
