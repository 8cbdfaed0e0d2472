namespace Orchestrator.Topology;

/// <summary>
/// The p-Wasserstein distance between two birth–death decompositions, by part.
/// </summary>
/// <param name="P">The order p (1 or 2).</param>
/// <param name="W0">Distance between the birth sets (0-D).</param>
/// <param name="W1">Distance between the death sets (1-D).</param>
/// <param name="W">The combined distance: <c>sqrt(W0² + W1²)</c> for p = 2, <c>W0 + W1</c> for p = 1.</param>
public sealed record TopologicalDistance(int P, double W0, double W1, double W);
