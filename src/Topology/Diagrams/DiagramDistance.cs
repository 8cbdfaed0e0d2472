using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Diagrams;

/// <summary>
/// Exact distances between persistence diagrams of one dimension, points allowed to match the diagonal,
/// with the L∞ ground metric: ‖(b, d) − (b′, d′)‖ = max(|b − b′|, |d − d′|), and a point's distance to the
/// diagonal (d − b)/2.
/// </summary>
/// <remarks>
/// <para>2-Wasserstein: W₂ = (min over matchings Σ cost²)^½. With n and m finite points, the augmented
/// (n + m) × (n + m) cost matrix has the A points and m diagonal slots as rows, the B points and n diagonal
/// slots as columns; a point costs its squared diagonal distance against any diagonal slot, and diagonal
/// against diagonal costs 0. Any diagonal slot will do because slots are interchangeable, so this is exact.
/// Solved by <see cref="HungarianAssignment"/>: O((n + m)³) time, O((n + m)²) memory.</para>
/// <para>Bottleneck: the optimal value is one of the O(nm + n + m) candidate values (a point-to-point or a
/// point-to-diagonal distance); binary search over the sorted candidates, each step asking Hopcroft–Karp
/// for a perfect matching in the threshold graph of the augmented problem: O((n + m)^2.5 log(n + m)).</para>
/// <para>Essential classes (death +∞) can only match essential classes, by birth: the optimal matching of
/// two sets of numbers under a convex cost pairs them in sorted order, so the k-th smallest births are
/// paired. Different numbers of essential classes give +∞.</para>
/// </remarks>
public static class DiagramDistance
{
    /// <summary>The distance <paramref name="metric"/> between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double Between(IReadOnlyList<PersistencePair> a, IReadOnlyList<PersistencePair> b, DiagramMetric metric) =>
        metric switch
        {
            DiagramMetric.Wasserstein2 => Wasserstein2(a, b),
            DiagramMetric.Bottleneck => Bottleneck(a, b),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown diagram metric."),
        };

    /// <summary>
    /// The FP signal between two epochs: √(D(H0)² + D(H1)²) for <see cref="DiagramMetric.Wasserstein2"/>
    /// (the same way TOP combines its parts), max(D(H0), D(H1)) for <see cref="DiagramMetric.Bottleneck"/>.
    /// </summary>
    public static double Between(RipsPersistence a, RipsPersistence b, DiagramMetric metric = DiagramMetric.Wasserstein2)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var h0 = Between(a.H0.Pairs, b.H0.Pairs, metric);
        var h1 = Between(a.H1.Pairs, b.H1.Pairs, metric);
        return metric == DiagramMetric.Bottleneck ? Math.Max(h0, h1) : Math.Sqrt((h0 * h0) + (h1 * h1));
    }

    /// <summary>The exact 2-Wasserstein distance.</summary>
    public static double Wasserstein2(IReadOnlyList<PersistencePair> a, IReadOnlyList<PersistencePair> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var essential = EssentialBirthGaps(a, b);
        if (essential is null)
        {
            return double.PositiveInfinity;
        }

        var finiteA = Finite(a);
        var finiteB = Finite(b);
        int n = finiteA.Length, m = finiteB.Length, size = n + m;
        var cost = new double[size * size];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                double value;
                if (r < n && c < m)
                {
                    value = Ground(finiteA[r], finiteB[c]);
                    value *= value;
                }
                else if (r < n)
                {
                    value = Square(ToDiagonal(finiteA[r]));
                }
                else if (c < m)
                {
                    value = Square(ToDiagonal(finiteB[c]));
                }
                else
                {
                    value = 0;
                }

                cost[(r * size) + c] = value;
            }
        }

        var total = HungarianAssignment.MinimumCost(cost, size) + essential.Sum(Square);
        return Math.Sqrt(Math.Max(0, total));
    }

    /// <summary>The exact bottleneck distance.</summary>
    public static double Bottleneck(IReadOnlyList<PersistencePair> a, IReadOnlyList<PersistencePair> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var essential = EssentialBirthGaps(a, b);
        if (essential is null)
        {
            return double.PositiveInfinity;
        }

        var finiteA = Finite(a);
        var finiteB = Finite(b);
        int n = finiteA.Length, m = finiteB.Length;
        var candidates = new List<double>((n * m) + n + m + 1) { 0 };
        foreach (var p in finiteA)
        {
            candidates.Add(ToDiagonal(p));
            foreach (var q in finiteB)
            {
                candidates.Add(Ground(p, q));
            }
        }

        foreach (var q in finiteB)
        {
            candidates.Add(ToDiagonal(q));
        }

        candidates.Sort();
        int low = 0, high = candidates.Count - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Matchable(finiteA, finiteB, candidates[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return Math.Max(candidates[low], essential.DefaultIfEmpty(0).Max());
    }

    /// <summary>
    /// Whether every point can be matched within <paramref name="epsilon"/>: left = A points then B's diagonal
    /// slots, right = B points then A's diagonal slots; a point may use only its own diagonal slot, diagonal
    /// slots match each other freely.
    /// </summary>
    private static bool Matchable(PersistencePair[] a, PersistencePair[] b, double epsilon)
    {
        int n = a.Length, m = b.Length;
        var adjacency = new int[n + m][];
        var neighbours = new List<int>(n + m);
        for (var i = 0; i < n; i++)
        {
            neighbours.Clear();
            for (var j = 0; j < m; j++)
            {
                if (Ground(a[i], b[j]) <= epsilon)
                {
                    neighbours.Add(j);
                }
            }

            if (ToDiagonal(a[i]) <= epsilon)
            {
                neighbours.Add(m + i);
            }

            adjacency[i] = [.. neighbours];
        }

        for (var j = 0; j < m; j++)
        {
            neighbours.Clear();
            if (ToDiagonal(b[j]) <= epsilon)
            {
                neighbours.Add(j);
            }

            for (var i = 0; i < n; i++)
            {
                neighbours.Add(m + i);
            }

            adjacency[n + j] = [.. neighbours];
        }

        return HopcroftKarpMatching.HasPerfectMatching(n + m, adjacency);
    }

    /// <summary>|birth differences| of the sorted essential births, or null when the counts differ.</summary>
    private static double[]? EssentialBirthGaps(IReadOnlyList<PersistencePair> a, IReadOnlyList<PersistencePair> b)
    {
        var birthsA = a.Where(p => p.IsEssential).Select(p => (double)p.Birth).Order().ToArray();
        var birthsB = b.Where(p => p.IsEssential).Select(p => (double)p.Birth).Order().ToArray();
        return birthsA.Length != birthsB.Length ? null : [.. birthsA.Zip(birthsB, (x, y) => Math.Abs(x - y))];
    }

    private static PersistencePair[] Finite(IReadOnlyList<PersistencePair> pairs) =>
        [.. pairs.Where(p => !p.IsEssential && p.Death > p.Birth)];

    private static double Ground(PersistencePair p, PersistencePair q) =>
        Math.Max(Math.Abs((double)p.Birth - q.Birth), Math.Abs((double)p.Death - q.Death));

    private static double ToDiagonal(PersistencePair p) => ((double)p.Death - p.Birth) / 2;

    private static double Square(double x) => x * x;
}
