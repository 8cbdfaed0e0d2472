namespace Orchestrator.Contracts;

/// <summary>One epoch of a trial as the topology side recorded it: losses, timings and the persistence summary.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochRecord
{
    /// <summary>1-based epoch number.</summary>
    [Id(0)]
    public int Epoch { get; init; }

    /// <summary>Mean training loss.</summary>
    [Id(1)]
    public double TrainingLoss { get; init; }

    /// <summary>Validation loss when the trial holds out a validation split.</summary>
    [Id(2)]
    public double? ValidationLoss { get; init; }

    /// <summary>Validation accuracy when the trial holds out a validation split.</summary>
    [Id(3)]
    public double? ValidationAccuracy { get; init; }

    /// <summary>Neurons in the connectome.</summary>
    [Id(4)]
    public int ConnectomeSize { get; init; }

    /// <summary>Total 0-D persistence (sum of births).</summary>
    [Id(5)]
    public double Persistence0 { get; init; }

    /// <summary>Total 1-D persistence (sum of deaths).</summary>
    [Id(6)]
    public double Persistence1 { get; init; }

    /// <summary>Wasserstein distance of the birth sets to the previous epoch (null at epoch 1).</summary>
    [Id(7)]
    public double? W0 { get; init; }

    /// <summary>Wasserstein distance of the death sets to the previous epoch.</summary>
    [Id(8)]
    public double? W1 { get; init; }

    /// <summary>Topological distance to the previous epoch: sqrt(W0² + W1²) (2-Wasserstein).</summary>
    [Id(9)]
    public double? Distance { get; init; }

    /// <summary>The smoothed signal the stopping criterion compared after this epoch (null before a full window, or for criteria that do not smooth).</summary>
    [Id(10)]
    public double? SmoothedDistance { get; init; }

    /// <summary>Seconds training.</summary>
    [Id(11)]
    public double TrainSeconds { get; init; }

    /// <summary>Seconds probing.</summary>
    [Id(12)]
    public double ProbeSeconds { get; init; }

    /// <summary>Seconds computing the connectome.</summary>
    [Id(13)]
    public double ConnectomeSeconds { get; init; }

    /// <summary>Seconds of the validation pass.</summary>
    [Id(14)]
    public double ValidationSeconds { get; init; }

    /// <summary>Seconds of decomposition, distance and criterion in the topology grain.</summary>
    [Id(15)]
    public double TopologySeconds { get; init; }

    /// <summary>The stopping decision after this epoch, in words ("" while continuing quietly).</summary>
    [Id(16)]
    public string Decision { get; init; } = string.Empty;

    /// <summary>Test accuracy after this epoch, when the sweep records it (monitoring only: never given to a criterion).</summary>
    [Id(17)]
    public double? TestAccuracy { get; init; }

    /// <summary>Test loss after this epoch, when recorded.</summary>
    [Id(18)]
    public double? TestLoss { get; init; }

    /// <summary>Seconds of the test pass (not part of any method's monitoring cost).</summary>
    [Id(19)]
    public double TestSeconds { get; init; }

    /// <summary>Exact 2-Wasserstein distance between this and the previous epoch's Vietoris–Rips diagrams (FP trials only).</summary>
    [Id(20)]
    public double? DiagramDistance { get; init; }

    /// <summary>Mean normalised neural persistence of the weights after this epoch (NP trials only).</summary>
    [Id(21)]
    public double? NeuralPersistence { get; init; }
}
