using System.Collections.Immutable;

namespace Orchestrator.Contracts;

/// <summary>
/// A finished epoch on the wire, from a run grain to its topology grain. The connectome is the
/// float32 upper triangle as raw little-endian bytes: a <c>byte[]</c> crosses silos 5–8× faster than a <c>float[]</c>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochSnapshotMessage
{
    /// <summary>1-based epoch number.</summary>
    [Id(0)]
    public int Epoch { get; init; }

    /// <summary>Mean training loss.</summary>
    [Id(1)]
    public double TrainingLoss { get; init; }

    /// <summary>Validation loss, if measured.</summary>
    [Id(2)]
    public double? ValidationLoss { get; init; }

    /// <summary>Validation accuracy, if measured.</summary>
    [Id(3)]
    public double? ValidationAccuracy { get; init; }

    /// <summary>Seconds training.</summary>
    [Id(4)]
    public double TrainSeconds { get; init; }

    /// <summary>Seconds probing.</summary>
    [Id(5)]
    public double ProbeSeconds { get; init; }

    /// <summary>Seconds computing the connectome.</summary>
    [Id(6)]
    public double ConnectomeSeconds { get; init; }

    /// <summary>Seconds validating.</summary>
    [Id(7)]
    public double ValidationSeconds { get; init; }

    /// <summary>n, neurons in the connectome.</summary>
    [Id(8)]
    public int ConnectomeSize { get; init; }

    /// <summary>n(n−1)/2 float32 values, row by row, as bytes.</summary>
    [Id(9)]
    public byte[] Connectome { get; init; } = [];

    /// <summary>Test accuracy after this epoch, when the sweep records it (monitoring only: never given to a criterion).</summary>
    [Id(10)]
    public double? TestAccuracy { get; init; }

    /// <summary>Test loss after this epoch, when recorded.</summary>
    [Id(11)]
    public double? TestLoss { get; init; }

    /// <summary>Seconds of the test pass (not part of any method's monitoring cost).</summary>
    [Id(12)]
    public double TestSeconds { get; init; }

    /// <summary>Fully connected layer weights, only when the trial's criterion reads neural persistence (NP).</summary>
    [Id(13)]
    public ImmutableArray<LayerWeights> Weights { get; init; } = [];

    /// <summary>Seconds the training loop has already waited for monitoring in this epoch (see <see cref="EpochSeconds.MonitoringOnPath"/>).</summary>
    [Id(14)]
    public double MonitoringOnPathSeconds { get; init; }

    /// <summary>Whether the training loop waits for this observation too (synchronous monitoring): its time then counts as on the path.</summary>
    [Id(15)]
    public bool ObservedOnPath { get; init; }
}
