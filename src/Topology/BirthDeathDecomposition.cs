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

    /// <summary>
    /// Decomposes the graph given by its strict upper triangle, row by row (<c>(0,1), (0,2), …</c>),
    /// without building the dense matrix: the same result as
    /// <c>Of(ConnectomeMatrix.FromUpperTriangle(upper))</c> with peak memory the triangle, the death
    /// array and O(n + 2^16 · cores).
    /// </summary>
    /// <remarks>
    /// Prim needs whole rows; the part of each row below the diagonal is read from a blocked transposed
    /// copy of the triangle that lives in the death array (rows 1…n−2 of the lower triangle have exactly
    /// as many entries as there are deaths) until the deaths overwrite it. A triangle holding NaN entries
    /// (weight 0 by convention) goes through the dense matrix instead.
    /// </remarks>
    /// <exception cref="ArgumentException">The length is not n(n−1)/2, or an entry is infinite.</exception>
    public static unsafe BirthDeathDecomposition OfUpperTriangle(ReadOnlySpan<float> upper)
    {
        var n = ConnectomeMatrix.SizeFromUpperTriangleLength(upper.Length);
        if (ConnectomeMatrix.CheckUpperTriangle(upper, n))
        {
            return Of(ConnectomeMatrix.FromUpperTriangle(upper));
        }

        if (n < 2)
        {
            return new BirthDeathDecomposition(n, [], []);
        }

        var deaths = GC.AllocateUninitializedArray<float>((int)DeathCount(n));
        var lastRow = new float[n];
        DensePrim prim;
        fixed (float* triangle = upper)
        fixed (float* lower = deaths)
        fixed (float* last = lastRow)
        {
            UpperTriangleRows.Transpose((nint)triangle, (nint)lower, n);
            var rows = new UpperTriangleRows(triangle, lower, last, n);
            prim = DensePrim.Run(rows, n);
            DeathSetExtraction.Build(rows, n, prim.Parent, deaths);
        }

        var births = prim.Weights;
        Array.Sort(births);
        return new BirthDeathDecomposition(n, births, deaths);
    }
}
