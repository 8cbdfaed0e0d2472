namespace Orchestrator.Topology.Stopping;

/// <summary>
/// One epoch's signals as computed by <see cref="EpochSignalTracker"/>: the observation for the criterion, the
/// values for the run's record (null where not computed, and the distances at the first epoch), and the time
/// spent on each.
/// </summary>
/// <param name="Observation">What the criterion observes.</param>
/// <param name="GraphDistance">TOP: distance of the birth–death decompositions to the previous epoch.</param>
/// <param name="DiagramDistance">FP: distance of the Vietoris–Rips diagrams to the previous epoch.</param>
/// <param name="NeuralPersistence">NP: neural persistence of the weights, per layer and mean (null when not computed or when a weight is not finite; the observation then carries NaN).</param>
/// <param name="GraphTime">Decomposition and graph distance.</param>
/// <param name="DiagramTime">Vietoris–Rips persistence and diagram distance.</param>
/// <param name="NeuralPersistenceTime">Reading the weights and neural persistence.</param>
public sealed record EpochSignalValues(
    EpochObservation Observation,
    TopologicalDistance? GraphDistance,
    double? DiagramDistance,
    NeuralPersistenceResult? NeuralPersistence,
    TimeSpan GraphTime,
    TimeSpan DiagramTime,
    TimeSpan NeuralPersistenceTime)
{
    /// <summary>The 0-D graph distance, or null.</summary>
    /// <summary>The graph decomposition's summary this epoch (total persistence, distance), when the graph distance was computed.</summary>
    public ConnectomeSeriesPoint? GraphPoint { get; init; }

    public double? W0 => GraphDistance?.W0;

    /// <summary>The 1-D graph distance, or null.</summary>
    public double? W1 => GraphDistance?.W1;

    /// <summary>The combined graph distance, or null.</summary>
    public double? W => GraphDistance?.W;

    /// <summary>The network's normalised neural persistence as the criterion saw it (NaN for diverged weights), or null.</summary>
    public double? NeuralPersistenceMean => Observation.NeuralPersistence;

    /// <summary>All time spent on the signals.</summary>
    public TimeSpan Total => GraphTime + DiagramTime + NeuralPersistenceTime;
}
