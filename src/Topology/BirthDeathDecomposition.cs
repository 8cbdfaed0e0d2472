namespace Orchestrator.Topology;

/// <summary>
/// The persistent graph homology of a weighted complete graph: its birth set (the weights of the
/// maximum spanning tree, 0-D) and death set (every other edge weight, 1-D), each sorted ascending.
/// </summary>
/// <param name="Size">Number of nodes n.</param>
/// <param name="Births">The n−1 maximum-spanning-tree edge weights, ascending.</param>
/// <param name="Deaths">The n(n−1)/2 − (n−1) remaining edge weights, ascending.</param>
public sealed record BirthDeathDecomposition(int Size, float[] Births, float[] Deaths)
{
    /// <summary>Sum of the birth values (0-D total persistence), accumulated in double precision.</summary>
    public double TotalPersistence0 => WidenedSums.Sum(Births);

    /// <summary>Sum of the death values (1-D total persistence), accumulated in double precision.</summary>
    public double TotalPersistence1 => WidenedSums.Sum(Deaths);

    /// <summary>Number of deaths of an <paramref name="n"/>-node graph: n(n−1)/2 − (n−1).</summary>
    public static long DeathCount(int n) => n < 2 ? 0 : ConnectomeMatrix.UpperTriangleLength(n) - (n - 1);

    /// <summary>
    /// Decomposes <paramref name="matrix"/>: dense Prim (O(n²) time, O(n) memory), then the non-tree
    /// edges are radix-sorted straight into the death array, in parallel (O(n²) time). Peak memory is
    /// the matrix, the death array and O(n + 2^16 · cores).
    /// </summary>
    /// <remarks>
    /// Any finite weights work, negative ones included (the sort orders the full float line). The
    /// multisets of births and deaths do not depend on how ties are broken.
    /// </remarks>
    public static BirthDeathDecomposition Of(ConnectomeMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Size;
        if (n < 2)
        {
            return new BirthDeathDecomposition(n, [], []);
        }

        var prim = DensePrim.Run(matrix.Values, n);
        var births = prim.Weights;
        Array.Sort(births);
        var deaths = DeathSetExtraction.Build(matrix.DenseValues, n, prim.Parent);
        return new BirthDeathDecomposition(n, births, deaths);
    }
}
