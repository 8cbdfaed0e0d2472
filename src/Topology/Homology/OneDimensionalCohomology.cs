namespace Orchestrator.Topology.Homology;

/// <summary>
/// H1 of the Vietoris–Rips filtration by persistent cohomology in the manner of Ripser (Bauer 2021):
/// the coboundary matrix δ¹ (columns: edges, rows: triangles) is reduced column by column in reverse
/// filtration order over Z/2, with neither matrix ever stored.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Implicit coboundaries: the cofacets of edge {i, j} are the triangles {i, j, k}, enumerated for
/// k = n−1 … 0, which by the combinatorial number system is decreasing index order; their diameters come
/// from the distance matrix. Only the reduction matrix V (which earlier columns were added) is stored,
/// and only for columns that needed additions; a column of R is regenerated from V when it is needed.</item>
/// <item>Clearing: edges that kill an H0 class are not columns at all (see <see cref="ZeroDimensionalPersistence"/>).</item>
/// <item>Emergent and apparent pairs: the pivot of an unreduced column is its earliest cofacet, and no cofacet
/// is earlier than one of the same diameter. So the first cofacet enumerated with the edge's own diameter,
/// if no earlier column owns it, is the pivot of an already reduced column: the pair (a zero-length pair,
/// which includes every apparent pair) is recorded without enumerating the rest of the coboundary.</item>
/// <item>Threshold: triangles above it are not in the complex; a column that reduces to zero is then an
/// essential class.</item>
/// </list>
/// Worst case O(m³) for m edges like any matrix reduction; in practice near-linear in the number of edges
/// times n, because most columns are emergent pairs or need few additions.
/// </remarks>
internal sealed class OneDimensionalCohomology
{
    private readonly RipsDistanceMatrix _distances;
    private readonly CombinatorialNumberSystem _indices;
    private readonly float _threshold;
    private readonly WorkingCoboundary _working = new();

    private OneDimensionalCohomology(RipsDistanceMatrix distances, CombinatorialNumberSystem indices, float threshold)
    {
        _distances = distances;
        _indices = indices;
        _threshold = threshold;
    }

    /// <param name="distances">The metric.</param>
    /// <param name="indices">Binomials for its size.</param>
    /// <param name="columns">Edge keys to reduce (the non-clearing edges), in reverse filtration order.</param>
    /// <param name="threshold">Largest diameter in the complex.</param>
    /// <param name="pairs">Receives the H1 pairs of positive length, essential ones with death +∞.</param>
    public static void Compute(
        RipsDistanceMatrix distances, CombinatorialNumberSystem indices, ulong[] columns, float threshold, List<PersistencePair> pairs) =>
        new OneDimensionalCohomology(distances, indices, threshold).Reduce(columns, pairs);

    private void Reduce(ulong[] columns, List<PersistencePair> pairs)
    {
        var pivotOwner = new Dictionary<uint, int>(columns.Length);
        var additions = new ulong[columns.Length][];
        var added = new List<ulong>();
        for (var slot = 0; slot < columns.Length; slot++)
        {
            var column = columns[slot];
            var birth = FiltrationKey.Diameter(column);
            _working.Clear();
            added.Clear();
            if (TryEmergentPivot(column, pivotOwner, out var emergent))
            {
                pivotOwner.Add(FiltrationKey.Index(emergent), slot);
                continue;
            }

            var hasPivot = _working.TryGetPivot(out var pivot);
            while (true)
            {
                if (!hasPivot)
                {
                    pairs.Add(new PersistencePair(birth, float.PositiveInfinity));
                    break;
                }

                if (pivotOwner.TryGetValue(FiltrationKey.Index(pivot), out var owner))
                {
                    AddCoboundary(columns[owner]);
                    added.Add(columns[owner]);
                    if (additions[owner] is { } ownerAdditions)
                    {
                        foreach (var edge in ownerAdditions)
                        {
                            AddCoboundary(edge);
                            added.Add(edge);
                        }
                    }

                    hasPivot = _working.TryGetPivot(out pivot);
                    continue;
                }

                pivotOwner.Add(FiltrationKey.Index(pivot), slot);
                if (added.Count > 0)
                {
                    additions[slot] = ReduceModTwo(added);
                }

                var death = FiltrationKey.Diameter(pivot);
                if (death > birth)
                {
                    pairs.Add(new PersistencePair(birth, death));
                }

                break;
            }
        }
    }

    /// <summary>
    /// Pushes the coboundary of <paramref name="edge"/> into the working column, stopping early with true
    /// when the emergent-pair test finds the pivot; false when the whole coboundary was pushed.
    /// </summary>
    private bool TryEmergentPivot(ulong edge, Dictionary<uint, int> pivotOwner, out ulong emergent)
    {
        var diameter = FiltrationKey.Diameter(edge);
        var (i, j) = CombinatorialNumberSystem.EdgeVertices(FiltrationKey.Index(edge));
        var n = _distances.Size;
        var rowI = _distances.Row(i);
        var rowJ = _distances.Row(j);
        var choose2 = _indices.Choose2;
        var choose3 = _indices.Choose3;
        var checkEmergent = true;
        for (var k = n - 1; k >= 0; k--)
        {
            if (k == i || k == j)
            {
                continue;
            }

            var d = MathF.Max(diameter, MathF.Max(rowI[k], rowJ[k]));
            if (d > _threshold)
            {
                continue;
            }

            var index = TriangleIndex(choose2, choose3, i, j, k);
            var key = FiltrationKey.Of(d, index);
            if (checkEmergent && d == diameter)
            {
                if (!pivotOwner.ContainsKey(index))
                {
                    emergent = key;
                    return true;
                }

                checkEmergent = false;
            }

            _working.Push(key);
        }

        emergent = 0;
        return false;
    }

    private void AddCoboundary(ulong edge)
    {
        var diameter = FiltrationKey.Diameter(edge);
        var (i, j) = CombinatorialNumberSystem.EdgeVertices(FiltrationKey.Index(edge));
        var n = _distances.Size;
        var rowI = _distances.Row(i);
        var rowJ = _distances.Row(j);
        var choose2 = _indices.Choose2;
        var choose3 = _indices.Choose3;
        for (var k = n - 1; k >= 0; k--)
        {
            if (k == i || k == j)
            {
                continue;
            }

            var d = MathF.Max(diameter, MathF.Max(rowI[k], rowJ[k]));
            if (d <= _threshold)
            {
                _working.Push(FiltrationKey.Of(d, TriangleIndex(choose2, choose3, i, j, k)));
            }
        }
    }

    /// <summary>Index of triangle {i, j, k} for an edge i &gt; j and a third vertex k.</summary>
    private static uint TriangleIndex(ReadOnlySpan<uint> choose2, ReadOnlySpan<uint> choose3, int i, int j, int k) =>
        k > i ? choose3[k] + choose2[i] + (uint)j
        : k > j ? choose3[i] + choose2[k] + (uint)j
        : choose3[i] + choose2[j] + (uint)k;

    /// <summary>The edges of a V column over Z/2: each edge added an even number of times cancels.</summary>
    private static ulong[] ReduceModTwo(List<ulong> edges)
    {
        // Sort and compact in place, so the only allocation is the stored column itself.
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(edges);
        span.Sort();
        var kept = 0;
        for (var k = 0; k < span.Length;)
        {
            var run = k;
            while (run < span.Length && span[run] == span[k])
            {
                run++;
            }

            if (((run - k) & 1) == 1)
            {
                span[kept++] = span[k];
            }

            k = run;
        }

        return span[..kept].ToArray();
    }
}
