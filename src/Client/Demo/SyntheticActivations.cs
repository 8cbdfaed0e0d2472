namespace Orchestrator.Client.Demo;

/// <summary>
/// Generated stand-in for a training run's probe activations: <c>neurons</c> units driven by a few latent
/// factors through loadings that converge exponentially from random to a block structure, plus fresh
/// per-epoch noise. The connectome therefore settles, but the distance between epochs keeps a noisy
/// floor, as in a real run. Seeded: the same seed gives the same activations.
/// </summary>
internal sealed class SyntheticActivations
{
    private readonly int _seed;
    private readonly double[] _factors;
    private readonly double[] _initial;
    private readonly double[] _target;

    public SyntheticActivations(int seed, int samples = 200, int neurons = 32, int factors = 4, double timeConstant = 4, double noise = 0.6)
    {
        _seed = seed;
        Samples = samples;
        Neurons = neurons;
        Factors = factors;
        TimeConstant = timeConstant;
        Noise = noise;
        var random = new Random(seed);
        _factors = Normals(random, samples * factors);
        _initial = Normals(random, neurons * factors);
        _target = new double[neurons * factors];
        for (var j = 0; j < neurons; j++)
        {
            // Each neuron ends up driven mainly by one factor: the settled connectome has k dense blocks.
            for (var f = 0; f < factors; f++)
            {
                _target[(j * factors) + f] = (f == j % factors ? 1.5 : 0.0) + (0.2 * Normal(random));
            }
        }
    }

    public int Samples { get; }

    public int Neurons { get; }

    public int Factors { get; }

    public double TimeConstant { get; }

    public double Noise { get; }

    /// <summary>How far the loadings still are from their settled values (mean squared difference): the demo's "loss".</summary>
    public double Remaining(int epoch)
    {
        var decay = Math.Exp(-epoch / TimeConstant);
        return _initial.Zip(_target, (a, b) => Math.Pow((a - b) * decay, 2)).Average();
    }

    /// <summary>The activations of <paramref name="epoch"/> (samples × neurons, row-major).</summary>
    public float[] Epoch(int epoch)
    {
        var decay = Math.Exp(-epoch / TimeConstant);
        var random = new Random(unchecked((_seed * 1_000_003) + epoch));
        var x = new float[Samples * Neurons];
        for (var s = 0; s < Samples; s++)
        {
            for (var j = 0; j < Neurons; j++)
            {
                double v = 0;
                for (var f = 0; f < Factors; f++)
                {
                    var loading = _target[(j * Factors) + f] + ((_initial[(j * Factors) + f] - _target[(j * Factors) + f]) * decay);
                    v += _factors[(s * Factors) + f] * loading;
                }

                x[(s * Neurons) + j] = (float)(v + (Noise * Normal(random)));
            }
        }

        return x;
    }

    private static double[] Normals(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => Normal(random))];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
