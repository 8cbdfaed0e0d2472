using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Tests.Homology;

/// <summary>Small metric spaces for the Rips tests.</summary>
internal static class RipsTestSpaces
{
    public static float[,] Euclidean(IReadOnlyList<(double X, double Y)> points)
    {
        var n = points.Count;
        var d = new float[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var dx = points[i].X - points[j].X;
                var dy = points[i].Y - points[j].Y;
                d[i, j] = (float)Math.Sqrt((dx * dx) + (dy * dy));
            }
        }

        return d;
    }

    /// <summary>A random metric-like dissimilarity; <paramref name="levels"/> &gt; 0 rounds to that many values to force ties.</summary>
    public static float[,] Random(int n, int seed, int levels = 0)
    {
        var random = new Random(seed);
        var d = new float[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var v = (float)random.NextDouble();
                if (levels > 0)
                {
                    v = MathF.Round(v * levels) / levels;
                }

                d[i, j] = v;
                d[j, i] = v;
            }
        }

        return d;
    }

    public static RipsDistanceMatrix ToMatrix(float[,] d)
    {
        var n = d.GetLength(0);
        var flat = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                flat[(i * n) + j] = d[i, j];
            }
        }

        return RipsDistanceMatrix.FromDense(flat, n);
    }

    public static ConnectomeMatrix RandomConnectome(int samples, int neurons, int seed)
    {
        var random = new Random(seed);
        var latent = 3;
        var mixing = new double[latent, neurons];
        for (var l = 0; l < latent; l++)
        {
            for (var j = 0; j < neurons; j++)
            {
                mixing[l, j] = random.NextDouble() - 0.5;
            }
        }

        var activations = new float[samples * neurons];
        for (var s = 0; s < samples; s++)
        {
            var z = new double[latent];
            for (var l = 0; l < latent; l++)
            {
                z[l] = random.NextDouble() - 0.5;
            }

            for (var j = 0; j < neurons; j++)
            {
                var a = random.NextDouble() - 0.5;
                for (var l = 0; l < latent; l++)
                {
                    a += z[l] * mixing[l, j] * 3;
                }

                activations[(s * neurons) + j] = (float)(a > 0 ? a : 0.01 * a);
            }
        }

        return FunctionalConnectome.Compute(activations, samples, neurons);
    }
}
