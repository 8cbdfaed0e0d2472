namespace Orchestrator.Topology.Homology;

/// <summary>
/// Persistent homology in dimensions 0 and 1 of the Vietoris–Rips filtration of a finite metric: the FP
/// baseline on the connectome distance d = 1 − |w|. See <c>src/Topology/README.md</c>, "FP: Vietoris–Rips
/// persistence", for the algorithm and its references.
/// </summary>
/// <remarks>
/// Works in single precision like Ripser; ties in diameter are broken by simplex index, so results are
/// deterministic (and the diagrams do not depend on the tie-breaking). Zero-length pairs are omitted.
/// Memory is O(n²) for the distances and the edges plus the stored reduction columns.
/// </remarks>
public static class VietorisRipsPersistence
{
    /// <summary>The most points for dimension 1: triangle indices must fit in 32 bits.</summary>
    public const int MaxPointsForH1 = CombinatorialNumberSystem.MaxVertices;

    /// <summary>The diagrams of the connectome distance d = 1 − |w|.</summary>
    /// <inheritdoc cref="Compute(RipsDistanceMatrix, int, float?)"/>
    public static RipsPersistence OfConnectome(ConnectomeMatrix connectome, int maxDimension = 1, float? threshold = null) =>
        Compute(RipsDistanceMatrix.FromConnectome(connectome), maxDimension, threshold);

    /// <summary>Computes the H0 (and H1) diagrams of <paramref name="distances"/>.</summary>
    /// <param name="distances">The metric.</param>
    /// <param name="maxDimension">0 or 1 (default).</param>
    /// <param name="threshold">
    /// Largest diameter to build the complex to; null (default) means the enclosing radius, beyond which
    /// nothing changes. A smaller threshold gives essential classes where the full filtration would kill them.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">maxDimension not 0 or 1, a negative or NaN threshold, or more than 2952 points for H1.</exception>
    public static RipsPersistence Compute(RipsDistanceMatrix distances, int maxDimension = 1, float? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(distances);
        if (maxDimension is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDimension), maxDimension, "maxDimension must be 0 or 1.");
        }

        if (threshold is float t && !(t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), t, "threshold must be ≥ 0.");
        }

        var n = distances.Size;
        var enclosing = distances.EnclosingRadius();
        var limit = threshold is float given ? MathF.Min(given, enclosing) : enclosing;
        var indices = new CombinatorialNumberSystem(maxDimension == 1 ? n : 0);

        var edges = SortedEdges(distances, limit);
        var h0 = new List<PersistencePair>(n);
        var columns = ZeroDimensionalPersistence.Compute(n, edges, h0);
        var h1 = new List<PersistencePair>();
        if (maxDimension == 1)
        {
            OneDimensionalCohomology.Compute(distances, indices, columns, limit, h1);
        }

        return new RipsPersistence(n, limit, new PersistenceDiagram(0, h0), new PersistenceDiagram(1, h1));
    }

    private static ulong[] SortedEdges(RipsDistanceMatrix distances, float limit)
    {
        var n = distances.Size;
        var edges = new ulong[ConnectomeMatrix.UpperTriangleLength(n)];
        var count = 0;
        uint index = 0;
        for (var i = 1; i < n; i++)
        {
            var row = distances.Row(i);
            for (var j = 0; j < i; j++, index++)
            {
                if (row[j] <= limit)
                {
                    edges[count++] = FiltrationKey.Of(row[j], index);
                }
            }
        }

        Array.Sort(edges, 0, count);
        return edges[..count];
    }
}
