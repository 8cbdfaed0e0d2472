namespace Orchestrator.Topology;

/// <summary>Neural persistence of a network, per layer and overall.</summary>
/// <param name="Layers">Per layer, NP_k = ‖(1 − w′_e) over the maximum spanning tree‖₂.</param>
/// <param name="NormalisedLayers">Per layer, NP_k / √(|V_k| + |V_{k+1}| − 1), in [0, 1].</param>
/// <param name="Mean">The network's value: the mean of the normalised layer values.</param>
public sealed record NeuralPersistenceResult(double[] Layers, double[] NormalisedLayers, double Mean);
