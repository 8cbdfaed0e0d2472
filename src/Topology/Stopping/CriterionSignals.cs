namespace Orchestrator.Topology.Stopping;

/// <summary>
/// The per-epoch signals a stopping criterion reads from <see cref="EpochObservation"/>. A criterion's
/// <see cref="StoppingCriterionDescriptor.Signals"/> declares them, so a run computes only what its criterion
/// needs: FP's Vietoris–Rips persistence costs far more than TOP's decomposition and must not run for TOP.
/// </summary>
[Flags]
public enum CriterionSignals
{
    /// <summary>Nothing beyond the epoch and the training loss.</summary>
    None = 0,

    /// <summary>TOP: the Wasserstein distance between consecutive birth–death decompositions (<see cref="EpochObservation.GraphDistance"/>).</summary>
    GraphDistance = 1,

    /// <summary>FP: the distance between consecutive Vietoris–Rips persistence diagrams (<see cref="EpochObservation.DiagramDistance"/>).</summary>
    DiagramDistance = 2,

    /// <summary>NP: the normalised neural persistence of the weights (<see cref="EpochObservation.NeuralPersistence"/>).</summary>
    NeuralPersistence = 4,

    /// <summary>VL: the loss on the held-out validation split (<see cref="EpochObservation.ValidationLoss"/>).</summary>
    ValidationLoss = 8,
}
