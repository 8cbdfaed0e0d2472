namespace Orchestrator.Topology.Stopping;

/// <summary>
/// What a stopping criterion can see of one finished epoch. Each criterion reads the signal it
/// needs; a signal a run does not measure is <c>null</c>.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch.</param>
public sealed record EpochObservation(int Epoch, double TrainingLoss)
{
    /// <summary>Loss on the held-out validation split (VL baseline only).</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Wasserstein distance between this epoch's and the previous epoch's birth–death decomposition (TOP); null at the first epoch.</summary>
    public TopologicalDistance? GraphDistance { get; init; }

    /// <summary>Distance between this epoch's and the previous epoch's Vietoris–Rips persistence diagrams (FP); null at the first epoch.</summary>
    public double? DiagramDistance { get; init; }

    /// <summary>Normalised neural persistence of the weights after this epoch (NP).</summary>
    public double? NeuralPersistence { get; init; }
}
