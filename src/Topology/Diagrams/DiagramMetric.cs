namespace Orchestrator.Topology.Diagrams;

/// <summary>A distance between persistence diagrams.</summary>
public enum DiagramMetric
{
    /// <summary>The 2-Wasserstein distance (L∞ ground metric), exact by assignment.</summary>
    Wasserstein2,

    /// <summary>The bottleneck distance (L∞ ground metric), exact by binary search and matching.</summary>
    Bottleneck,
}
