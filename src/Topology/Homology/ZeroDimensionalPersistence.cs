namespace Orchestrator.Topology.Homology;

/// <summary>
/// H0 of the Vietoris–Rips filtration by union–find (Kruskal's algorithm): every point is born at 0;
/// edges are added in filtration order and an edge that joins two components kills one of them at its
/// diameter. The killing edges are the minimum spanning tree of d, i.e. the maximum spanning tree of the
/// connectome for d = 1 − |w|, so the finite deaths are exactly 1 − (the birth set of
/// <see cref="BirthDeathDecomposition"/>).
/// </summary>
/// <remarks>
/// The other edges are returned as the columns of the H1 reduction. The killing edges are exactly the
/// pivots of the reduced dimension-0 coboundary matrix, whose columns in dimension 1 would reduce to zero:
/// skipping them is the clearing optimisation (Chen &amp; Kerber 2011; Bauer 2021, §3.2).
/// </remarks>
internal static class ZeroDimensionalPersistence
{
    /// <param name="size">Number of points.</param>
    /// <param name="sortedEdges">Filtration keys of the edges within the threshold, ascending.</param>
    /// <param name="pairs">Receives the H0 pairs, essential ones with death +∞ (zero-length ones omitted).</param>
    /// <returns>The non-killing edges in reverse filtration order (the order cohomology reduces them in).</returns>
    public static ulong[] Compute(int size, ReadOnlySpan<ulong> sortedEdges, List<PersistencePair> pairs)
    {
        var components = new UnionFind(size);
        var remaining = size;
        var columns = new List<ulong>(Math.Max(0, sortedEdges.Length - size + 1));
        foreach (var key in sortedEdges)
        {
            var (i, j) = CombinatorialNumberSystem.EdgeVertices(FiltrationKey.Index(key));
            if (components.Union(i, j))
            {
                remaining--;
                var death = FiltrationKey.Diameter(key);
                if (death > 0f)
                {
                    pairs.Add(new PersistencePair(0f, death));
                }
            }
            else
            {
                columns.Add(key);
            }
        }

        for (var c = 0; c < remaining; c++)
        {
            pairs.Add(new PersistencePair(0f, float.PositiveInfinity));
        }

        columns.Reverse();
        return [.. columns];
    }
}
