using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

/// <summary>Builds small and random weighted graphs for the tests.</summary>
internal static class TestMatrices
{
    /// <summary>A matrix from an explicit list of upper-triangle weights, keyed by (i, j) with i &lt; j.</summary>
    public static ConnectomeMatrix FromEdges(int n, params (int I, int J, float W)[] edges)
    {
        var upper = new float[ConnectomeMatrix.UpperTriangleLength(n)];
        foreach (var (i, j, w) in edges)
        {
            upper[UpperIndex(n, Math.Min(i, j), Math.Max(i, j))] = w;
        }

        return ConnectomeMatrix.FromUpperTriangle(upper);
    }

    /// <summary>A random symmetric matrix with weights drawn by <paramref name="weight"/>.</summary>
    public static ConnectomeMatrix Random(int n, int seed, Func<Random, float>? weight = null)
    {
        var random = new Random(seed);
        weight ??= r => r.NextSingle();
        var upper = new float[ConnectomeMatrix.UpperTriangleLength(n)];
        for (var k = 0; k < upper.Length; k++)
        {
            upper[k] = weight(random);
        }

        return ConnectomeMatrix.FromUpperTriangle(upper);
    }

    /// <summary>The matrix with node i renamed permutation[i].</summary>
    public static ConnectomeMatrix Relabel(ConnectomeMatrix matrix, int[] permutation)
    {
        var n = matrix.Size;
        var upper = new float[ConnectomeMatrix.UpperTriangleLength(n)];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var a = permutation[i];
                var b = permutation[j];
                upper[UpperIndex(n, Math.Min(a, b), Math.Max(a, b))] = matrix[i, j];
            }
        }

        return ConnectomeMatrix.FromUpperTriangle(upper);
    }

    public static int[] RandomPermutation(int n, int seed)
    {
        var permutation = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(permutation);
        return permutation;
    }

    public static int UpperIndex(int n, int i, int j) => (int)(ConnectomeMatrix.UpperTriangleLength(n) - ConnectomeMatrix.UpperTriangleLength(n - i)) + (j - i - 1);
}
