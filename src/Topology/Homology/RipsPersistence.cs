namespace Orchestrator.Topology.Homology;

/// <summary>The Vietoris–Rips persistence diagrams of a finite metric, dimensions 0 and 1.</summary>
/// <param name="Size">Number of points.</param>
/// <param name="Threshold">The largest diameter in the complex that was built (the enclosing radius unless a smaller threshold was given).</param>
/// <param name="H0">Connected components: every pair born at 0; one essential class per component at the threshold.</param>
/// <param name="H1">Cycles (empty when only dimension 0 was asked for).</param>
public sealed record RipsPersistence(int Size, float Threshold, PersistenceDiagram H0, PersistenceDiagram H1)
{
    /// <summary>The diagram of dimension <paramref name="dimension"/> (0 or 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 or 1.</exception>
    public PersistenceDiagram Diagram(int dimension) => dimension switch
    {
        0 => H0,
        1 => H1,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be 0 or 1."),
    };
}
