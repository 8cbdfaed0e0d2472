namespace Orchestrator.Topology;

/// <summary>One epoch of a <see cref="ConnectomeSeries"/>: a summary of its decomposition and its distance to the previous epoch.</summary>
/// <param name="Epoch">The epoch number.</param>
/// <param name="Size">Number of neurons n.</param>
/// <param name="TotalPersistence0">Sum of the births (0-D total persistence).</param>
/// <param name="TotalPersistence1">Sum of the deaths (1-D total persistence).</param>
/// <param name="Distance">Distance to the previous epoch's decomposition; null for the first epoch.</param>
public sealed record ConnectomeSeriesPoint(
    int Epoch, int Size, double TotalPersistence0, double TotalPersistence1, TopologicalDistance? Distance)
{
    /// <summary>The 0-D distance to the previous epoch, or null.</summary>
    public double? W0 => Distance?.W0;

    /// <summary>The 1-D distance to the previous epoch, or null.</summary>
    public double? W1 => Distance?.W1;

    /// <summary>The combined distance to the previous epoch, or null.</summary>
    public double? W => Distance?.W;
}
