namespace Orchestrator.Topology;

/// <summary>
/// Closed-form p-Wasserstein distance between birth–death decompositions of graphs with the same
/// number of nodes: sorted values are matched by rank.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> of order <paramref name="p"/> (1 or 2).</summary>
    /// <exception cref="ArgumentException">Different node counts, or p not 1 or 2.</exception>
    public static TopologicalDistance Between(BirthDeathDecomposition a, BirthDeathDecomposition b, int p = 2)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (p is not (1 or 2))
        {
            throw new ArgumentException($"p is {p}; it must be 1 or 2.", nameof(p));
        }

        if (a.Size != b.Size)
        {
            throw new ArgumentException($"the decompositions have {a.Size} and {b.Size} nodes; they must have the same number.", nameof(b));
        }

        var w0 = Part(a.Births, b.Births, p);
        var w1 = Part(a.Deaths, b.Deaths, p);
        var w = p == 2 ? Math.Sqrt((w0 * w0) + (w1 * w1)) : w0 + w1;
        return new TopologicalDistance(p, w0, w1, w);
    }

    private static double Part(float[] x, float[] y, int p)
    {
        double sum = 0;
        for (var k = 0; k < x.Length; k++)
        {
            var d = (double)x[k] - y[k];
            sum += p == 2 ? d * d : Math.Abs(d);
        }

        return p == 2 ? Math.Sqrt(sum) : sum;
    }
}
