namespace Orchestrator.Topology;

/// <summary>
/// Closed-form p-Wasserstein distance between birth–death decompositions of graphs with the same
/// number of nodes: the sorted values are matched by rank, which is the optimal matching on the line.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>
    /// The distance between <paramref name="a"/> and <paramref name="b"/> of order <paramref name="p"/>
    /// (1 or 2), in O(n²) vectorised time with double-precision sums.
    /// </summary>
    /// <remarks>
    /// p = 2: <c>W0 = sqrt(Σ(bA−bB)²)</c>, <c>W1 = sqrt(Σ(dA−dB)²)</c>, <c>W = sqrt(W0² + W1²)</c>;
    /// p = 1: the sums of absolute differences and <c>W = W0 + W1</c>.
    /// </remarks>
    /// <exception cref="ArgumentException">Different node counts, mis-sized sets, or p not 1 or 2.</exception>
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

        if (a.Births.Length != b.Births.Length || a.Deaths.Length != b.Deaths.Length)
        {
            throw new ArgumentException(
                $"the decompositions have {a.Births.Length} and {b.Births.Length} births, {a.Deaths.Length} and {b.Deaths.Length} deaths; " +
                "both must have n−1 births and n(n−1)/2 − (n−1) deaths.", nameof(b));
        }

        var w0 = Part(a.Births, b.Births, p);
        var w1 = Part(a.Deaths, b.Deaths, p);
        var w = p == 2 ? Math.Sqrt((w0 * w0) + (w1 * w1)) : w0 + w1;
        return new TopologicalDistance(p, w0, w1, w);
    }

    private static double Part(float[] x, float[] y, int p)
    {
        var sum = WidenedSums.SumOfDifferencePowers(x, y, p);
        return p == 2 ? Math.Sqrt(sum) : sum;
    }
}
