namespace Orchestrator.Contracts;

/// <summary>
/// What the topology side measured for one epoch: the persistence summary of the connectome, the
/// distances to the previous epoch and the baselines' signals (null where the trial's criterion does not
/// read them, and at the first epoch for distances).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record EpochSignals
{
    /// <summary>Neurons in the connectome.</summary>
    [Id(0)]
    public int ConnectomeSize { get; init; }

    /// <summary>Total 0-D persistence (sum of births).</summary>
    [Id(1)]
    public double Persistence0 { get; init; }

    /// <summary>Total 1-D persistence (sum of deaths).</summary>
    [Id(2)]
    public double Persistence1 { get; init; }

    /// <summary>Wasserstein distance of the birth sets to the previous epoch.</summary>
    [Id(3)]
    public double? W0 { get; init; }

    /// <summary>Wasserstein distance of the death sets to the previous epoch.</summary>
    [Id(4)]
    public double? W1 { get; init; }

    /// <summary>Topological distance to the previous epoch: sqrt(W0² + W1²) (2-Wasserstein).</summary>
    [Id(5)]
    public double? Distance { get; init; }

    /// <summary>The smoothed signal the criterion compared after this epoch (null before a full window, or for criteria that do not smooth).</summary>
    [Id(6)]
    public double? SmoothedDistance { get; init; }

    /// <summary>Exact 2-Wasserstein distance between this and the previous epoch's Vietoris–Rips diagrams (FP trials only).</summary>
    [Id(7)]
    public double? DiagramDistance { get; init; }

    /// <summary>Mean normalised neural persistence of the weights after this epoch (NP trials only).</summary>
    [Id(8)]
    public double? NeuralPersistence { get; init; }
}
