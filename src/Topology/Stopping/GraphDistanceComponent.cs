namespace Orchestrator.Topology.Stopping;

/// <summary>Which part of a <see cref="TopologicalDistance"/> the TOP criterion watches.</summary>
public enum GraphDistanceComponent
{
    /// <summary>The birth sets (0-D, connected components): <see cref="TopologicalDistance.W0"/>.</summary>
    W0,

    /// <summary>The death sets (1-D, cycles): <see cref="TopologicalDistance.W1"/>.</summary>
    W1,

    /// <summary>Both parts combined: <see cref="TopologicalDistance.W"/>.</summary>
    W,
}
