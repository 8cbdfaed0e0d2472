namespace Orchestrator.Topology.Tests;

public sealed class NeuralPersistenceTests
{
    /// <summary>Reference: Prim's maximum spanning tree on the complete bipartite graph, from scratch.</summary>
    private static double PrimPersistence(NeuralPersistenceLayer layer, double max)
    {
        int inputs = layer.Inputs, outputs = layer.Outputs, n = inputs + outputs;
        double Weight(int a, int b)
        {
            var (input, output) = a < inputs ? (a, b - inputs) : (b, a - inputs);
            return Math.Abs(layer.Weights[(output * inputs) + input]) / max;
        }

        var inTree = new bool[n];
        inTree[0] = true;
        double sum = 0;
        for (var added = 1; added < n; added++)
        {
            var best = double.NegativeInfinity;
            var next = -1;
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    if (inTree[a] && !inTree[b] && (a < inputs) != (b < inputs) && Weight(a, b) > best)
                    {
                        best = Weight(a, b);
                        next = b;
                    }
                }
            }

            inTree[next] = true;
            sum += (1 - best) * (1 - best);
        }

        return Math.Sqrt(sum);
    }

    private static NeuralPersistenceLayer RandomLayer(Random random, int inputs, int outputs, double scale) =>
        new(inputs, outputs, [.. Enumerable.Range(0, inputs * outputs).Select(_ => (float)((random.NextDouble() - 0.5) * scale))]);

    [Fact]
    public void A_two_by_two_layer_has_the_hand_computed_value()
    {
        // Edges 1, 0.5, 0.25, 0 (max 1); the maximum spanning tree takes 1, 0.5, 0.25: persistences 0, 0.5, 0.75.
        var layer = new NeuralPersistenceLayer(2, 2, [1f, -0.5f, 0.25f, 0f]);

        var result = NeuralPersistence.Compute([layer]);

        var expected = Math.Sqrt((0.5 * 0.5) + (0.75 * 0.75));
        Assert.Equal(expected, result.Layers[0], 12);
        Assert.Equal(expected / Math.Sqrt(3), result.NormalisedLayers[0], 12);
        Assert.Equal(result.NormalisedLayers[0], result.Mean, 12);
    }

    [Fact]
    public void Weights_are_normalised_by_the_global_maximum_over_all_layers()
    {
        var small = new NeuralPersistenceLayer(1, 2, [0.5f, 0.25f]);
        var large = new NeuralPersistenceLayer(2, 1, [2f, 1f]);

        var result = NeuralPersistence.Compute([small, large]);

        // Global max 2: small layer w′ = 0.25, 0.125; large layer w′ = 1, 0.5.
        Assert.Equal(Math.Sqrt((0.75 * 0.75) + (0.875 * 0.875)), result.Layers[0], 6);
        Assert.Equal(0.5, result.Layers[1], 6);
        Assert.Equal((result.Layers[0] / Math.Sqrt(2) + (result.Layers[1] / Math.Sqrt(2))) / 2, result.Mean, 9);
    }

    [Theory]
    [InlineData(3, 4, 1)]
    [InlineData(5, 2, 2)]
    [InlineData(6, 6, 3)]
    public void Matches_a_prim_maximum_spanning_tree(int inputs, int outputs, int seed)
    {
        var random = new Random(seed);
        var layers = new[] { RandomLayer(random, inputs, outputs, 1), RandomLayer(random, outputs, 3, 3) };
        var max = layers.SelectMany(l => l.Weights).Max(w => Math.Abs((double)w));

        var result = NeuralPersistence.Compute(layers);

        for (var k = 0; k < layers.Length; k++)
        {
            Assert.Equal(PrimPersistence(layers[k], max), result.Layers[k], 5);
            Assert.InRange(result.NormalisedLayers[k], 0, 1);
        }
    }

    [Fact]
    public void Signs_of_weights_do_not_matter()
    {
        var random = new Random(4);
        var layer = RandomLayer(random, 5, 4, 2);
        var negated = layer with { Weights = [.. layer.Weights.Select(w => -w)] };

        Assert.Equal(NeuralPersistence.Compute([layer]).Mean, NeuralPersistence.Compute([negated]).Mean);
    }

    [Fact]
    public void A_layer_whose_weight_count_is_not_inputs_times_outputs_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => NeuralPersistence.Compute([new NeuralPersistenceLayer(2, 3, new float[5])]));
        Assert.Contains("layer 0", error.Message, StringComparison.Ordinal);
    }
}
