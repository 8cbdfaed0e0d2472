namespace Orchestrator.Topology.Bench;

/// <summary>
/// Reproducible activations with the structure of a hidden layer: a few latent factors mixed into
/// every neuron plus noise. No neuron is constant and no weight is exactly 0, because scipy's
/// sparse graph routines read a 0 entry as a missing edge and the side-by-side comparison would differ.
/// </summary>
internal static class SyntheticActivations
{
    /// <param name="samples">Rows (probe samples).</param>
    /// <param name="neurons">Columns (neurons).</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <param name="factors">Latent factors mixed into every neuron.</param>
    /// <param name="loading">Scale of the factor loadings.</param>
    /// <param name="offset">Added to every pre-activation.</param>
    /// <param name="leakySlope">When set, a LeakyReLU with this negative slope is applied (partly rectified neurons).</param>
    public static float[] Generate(
        int samples, int neurons, int seed, int factors = 16, double loading = 0.5, double offset = 0, double? leakySlope = null)
    {
        var random = new Random(seed);
        var latent = new double[samples * factors];
        for (var k = 0; k < latent.Length; k++)
        {
            latent[k] = Gaussian(random);
        }

        var loadings = new double[factors * neurons];
        for (var k = 0; k < loadings.Length; k++)
        {
            loadings[k] = Gaussian(random) * loading;
        }

        var activations = new float[samples * neurons];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < neurons; j++)
            {
                var value = offset + Gaussian(random);
                for (var f = 0; f < factors; f++)
                {
                    value += latent[(s * factors) + f] * loadings[(f * neurons) + j];
                }

                activations[(s * neurons) + j] = (float)(leakySlope is { } slope && value < 0 ? slope * value : value);
            }
        }

        return activations;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
