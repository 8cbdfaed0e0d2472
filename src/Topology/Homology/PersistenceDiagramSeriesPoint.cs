namespace Orchestrator.Topology.Homology;

/// <summary>One epoch of a <see cref="PersistenceDiagramSeries"/>.</summary>
/// <param name="Epoch">The epoch number.</param>
/// <param name="Size">Number of neurons n.</param>
/// <param name="H0Pairs">Number of H0 pairs (essential included).</param>
/// <param name="H1Pairs">Number of H1 pairs.</param>
/// <param name="Distance">Distance to the previous epoch's diagrams; null for the first epoch.</param>
public sealed record PersistenceDiagramSeriesPoint(int Epoch, int Size, int H0Pairs, int H1Pairs, double? Distance);
