using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology;

/// <summary>
/// Neural persistence (Rieck et al., "Neural Persistence: A Complexity Measure for Deep Neural Networks
/// Using Algebraic Topology", ICLR 2019): the 0-dimensional persistent homology of each fully connected
/// layer's weighted bipartite graph, the NP baseline on weights (no activations, no labels).
/// </summary>
/// <remarks>
/// All weights are normalised once by the largest |w| over all the network's layers, w′ = |w| / max, so
/// that w′ ∈ [0, 1]. Each layer is filtered from large to small w′ with every vertex born at 1: an edge
/// that joins two components kills one at w′, so the killing edges are a maximum spanning tree (Kruskal
/// with union–find, O(E log E) per layer) and each gives persistence 1 − w′. NP_k is the 2-norm of these
/// persistences; dividing by its largest possible value √(|V_k| + |V_{k+1}| − 1) (every tree edge of
/// persistence 1) gives the normalised value; the network's value is their mean. A network whose weights
/// are all 0 has w′ = 0 everywhere (normalised value 1).
/// </remarks>
public static class NeuralPersistence
{
    /// <summary>Computes NP for the network made of <paramref name="layers"/> (in order; order does not matter to the values).</summary>
    /// <exception cref="ArgumentException">No layers, a size mismatch, or a non-finite weight.</exception>
    public static NeuralPersistenceResult Compute(IReadOnlyList<NeuralPersistenceLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("a network needs at least one fully connected layer.", nameof(layers));
        }

        var max = 0f;
        for (var k = 0; k < layers.Count; k++)
        {
            var layer = layers[k];
            if (layer.Inputs < 1 || layer.Outputs < 1 || layer.Weights.Length != (long)layer.Inputs * layer.Outputs)
            {
                throw new ArgumentException(
                    $"layer {k}: {layer.Weights.Length} weights for {layer.Outputs} outputs × {layer.Inputs} inputs; both must be ≥ 1 and the count their product.",
                    nameof(layers));
            }

            foreach (var w in layer.Weights)
            {
                if (!float.IsFinite(w))
                {
                    throw new ArgumentException($"layer {k} has a weight {w}; weights must be finite.", nameof(layers));
                }

                max = MathF.Max(max, MathF.Abs(w));
            }
        }

        var raw = new double[layers.Count];
        var normalised = new double[layers.Count];
        for (var k = 0; k < layers.Count; k++)
        {
            raw[k] = LayerPersistence(layers[k], max);
            normalised[k] = raw[k] / Math.Sqrt(layers[k].Inputs + layers[k].Outputs - 1);
        }

        return new NeuralPersistenceResult(raw, normalised, normalised.Average());
    }

    private static double LayerPersistence(NeuralPersistenceLayer layer, float max)
    {
        var count = layer.Weights.Length;
        var scaled = new float[count];
        var edges = new int[count];
        for (var e = 0; e < count; e++)
        {
            scaled[e] = max > 0 ? MathF.Abs(layer.Weights[e]) / max : 0f;
            edges[e] = e;
        }

        // Descending w′: sort ascending keys −w′.
        var keys = new float[count];
        for (var e = 0; e < count; e++)
        {
            keys[e] = -scaled[e];
        }

        Array.Sort(keys, edges);

        // Vertices 0 … Inputs−1 are layer k, Inputs … Inputs+Outputs−1 layer k+1.
        var components = new UnionFind(layer.Inputs + layer.Outputs);
        var treeEdges = 0;
        double sum = 0;
        foreach (var e in edges)
        {
            var output = e / layer.Inputs;
            var input = e % layer.Inputs;
            if (components.Union(input, layer.Inputs + output))
            {
                var persistence = 1.0 - scaled[e];
                sum += persistence * persistence;
                if (++treeEdges == layer.Inputs + layer.Outputs - 1)
                {
                    break;
                }
            }
        }

        return Math.Sqrt(sum);
    }
}
