using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

public sealed class FunctionalConnectomeTests
{
    [Theory]
    [InlineData(2, 3, 1)]
    [InlineData(17, 13, 2)]
    [InlineData(64, 97, 3)]
    [InlineData(300, 50, 4)]
    public void Matches_a_plain_double_precision_double_loop(int samples, int neurons, int seed)
    {
        var activations = RandomActivations(samples, neurons, seed);

        var w = FunctionalConnectome.Compute(activations, samples, neurons);

        var expected = PlainCorrelation(activations, samples, neurons);
        for (var i = 0; i < neurons; i++)
        {
            for (var j = 0; j < neurons; j++)
            {
                Assert.True(Math.Abs(w[i, j] - expected[i, j]) <= 1e-6, $"W[{i},{j}] = {w[i, j]}, expected {expected[i, j]}");
            }
        }
    }

    [Fact]
    public void Is_symmetric_with_zero_diagonal_and_values_in_the_unit_interval()
    {
        var w = FunctionalConnectome.Compute(RandomActivations(40, 30, 5), 40, 30);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(0f, w[i, i]);
            for (var j = 0; j < 30; j++)
            {
                Assert.Equal(w[i, j], w[j, i]);
                Assert.InRange(w[i, j], 0f, 1f);
            }
        }
    }

    [Fact]
    public void Constant_neurons_are_uncorrelated_with_everything_including_each_other()
    {
        // Neuron 0 is dead (always 0), 1 and 4 hold the same constant 0.1 and 6 a large constant.
        const int samples = 1000, neurons = 8;
        var activations = RandomActivations(samples, neurons, 6);
        for (var s = 0; s < samples; s++)
        {
            activations[(s * neurons) + 0] = 0f;
            activations[(s * neurons) + 1] = 0.1f;
            activations[(s * neurons) + 4] = 0.1f;
            activations[(s * neurons) + 6] = 123456.7f;
        }

        var w = FunctionalConnectome.Compute(activations, samples, neurons);

        foreach (var constant in new[] { 0, 1, 4, 6 })
        {
            for (var j = 0; j < neurons; j++)
            {
                Assert.Equal(0f, w[constant, j]);
                Assert.Equal(0f, w[j, constant]);
            }
        }

        Assert.True(w[2, 3] > 0);
    }

    [Fact]
    public void Neurons_that_vary_only_by_float_rounding_count_as_constant()
    {
        // Two neurons jitter by one ulp around 0.1 in the same pattern: a plain Pearson calls them perfectly
        // correlated; their spread is 4e-8 of their scale, far below the 2^-20 threshold, so both are constant.
        const int samples = 64, neurons = 4;
        var activations = RandomActivations(samples, neurons, 11);
        var above = MathF.BitIncrement(0.1f);
        for (var s = 0; s < samples; s++)
        {
            var value = s % 3 == 0 ? above : 0.1f;
            activations[(s * neurons) + 1] = value;
            activations[(s * neurons) + 2] = value;
        }

        var w = FunctionalConnectome.Compute(activations, samples, neurons);

        Assert.Equal(1.0, PlainCorrelation(activations, samples, neurons)[1, 2], 6);
        Assert.Equal(0f, w[1, 2]);
        Assert.Equal(0f, w[0, 1]);
    }

    [Fact]
    public void Duplicated_negated_and_rescaled_neurons_are_perfectly_correlated()
    {
        const int samples = 200, neurons = 5;
        var activations = RandomActivations(samples, neurons, 7);
        for (var s = 0; s < samples; s++)
        {
            var x = activations[s * neurons];
            activations[(s * neurons) + 1] = x;
            activations[(s * neurons) + 2] = -x;
            activations[(s * neurons) + 3] = (x * 1e-20f) + 1e-19f;
        }

        var w = FunctionalConnectome.Compute(activations, samples, neurons);

        Assert.Equal(1f, w[0, 1], 1e-6f);
        Assert.Equal(1f, w[0, 2], 1e-6f);
        Assert.Equal(1f, w[1, 2], 1e-6f);
        Assert.Equal(1f, w[0, 3], 1e-5f);
    }

    [Fact]
    public void Relabelling_neurons_relabels_the_matrix()
    {
        const int samples = 50, neurons = 21;
        var activations = RandomActivations(samples, neurons, 8);
        var permutation = TestMatrices.RandomPermutation(neurons, 9);
        var permuted = new float[activations.Length];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < neurons; j++)
            {
                permuted[(s * neurons) + permutation[j]] = activations[(s * neurons) + j];
            }
        }

        var w = FunctionalConnectome.Compute(activations, samples, neurons);
        var v = FunctionalConnectome.Compute(permuted, samples, neurons);

        for (var i = 0; i < neurons; i++)
        {
            for (var j = 0; j < neurons; j++)
            {
                Assert.Equal(w[i, j], v[permutation[i], permutation[j]]);
            }
        }
    }

    [Fact]
    public void Fewer_than_two_samples_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => FunctionalConnectome.Compute([1f, 2f, 3f], 1, 3));

        Assert.Equal("samples", error.ParamName);
        Assert.Contains("at least 2", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_activations_are_errors_naming_sample_and_neuron(float bad)
    {
        var activations = RandomActivations(4, 3, 10);
        activations[(2 * 3) + 1] = bad;

        var error = Assert.Throws<ArgumentException>(() => FunctionalConnectome.Compute(activations, 4, 3));

        Assert.Contains("sample 2, neuron 1", error.Message);
    }

    [Fact]
    public void More_neurons_than_one_dense_array_holds_is_an_error_before_anything_is_allocated()
    {
        var neurons = ConnectomeMatrix.MaxSize + 1;

        var error = Assert.Throws<ArgumentException>(() => FunctionalConnectome.Compute(new float[2L * neurons], 2, neurons));

        Assert.Equal("neurons", error.ParamName);
        Assert.Contains("at most 46,340 neurons", error.Message);
        Assert.True((long)ConnectomeMatrix.MaxSize * ConnectomeMatrix.MaxSize <= Array.MaxLength);
        Assert.True((long)neurons * neurons > Array.MaxLength);
    }

    [Fact]
    public void A_size_mismatch_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => FunctionalConnectome.Compute(new float[10], 3, 3));

        Assert.Contains("samples × neurons", error.Message);
    }

    // Offsets and scales differ per neuron so centring and normalisation are exercised.
    private static float[] RandomActivations(int samples, int neurons, int seed)
    {
        var random = new Random(seed);
        var shared = Enumerable.Range(0, samples).Select(_ => random.NextDouble()).ToArray();
        var activations = new float[samples * neurons];
        for (var j = 0; j < neurons; j++)
        {
            var offset = (random.NextDouble() - 0.5) * 10;
            var scale = Math.Pow(10, random.Next(-3, 3));
            var mix = random.NextDouble();
            for (var s = 0; s < samples; s++)
            {
                activations[(s * neurons) + j] = (float)(offset + (scale * ((mix * shared[s]) + random.NextDouble())));
            }
        }

        return activations;
    }

    // Textbook Pearson: means, centred cross-products and norms, one pair at a time, all in double.
    private static double[,] PlainCorrelation(float[] activations, int samples, int neurons)
    {
        var result = new double[neurons, neurons];
        for (var i = 0; i < neurons; i++)
        {
            for (var j = 0; j < neurons; j++)
            {
                if (i == j)
                {
                    continue;
                }

                double meanI = 0, meanJ = 0;
                for (var s = 0; s < samples; s++)
                {
                    meanI += activations[(s * neurons) + i];
                    meanJ += activations[(s * neurons) + j];
                }

                meanI /= samples;
                meanJ /= samples;
                double cross = 0, squaresI = 0, squaresJ = 0;
                for (var s = 0; s < samples; s++)
                {
                    var a = activations[(s * neurons) + i] - meanI;
                    var b = activations[(s * neurons) + j] - meanJ;
                    cross += a * b;
                    squaresI += a * a;
                    squaresJ += b * b;
                }

                result[i, j] = Math.Abs(cross / Math.Sqrt(squaresI * squaresJ));
            }
        }

        return result;
    }
}
