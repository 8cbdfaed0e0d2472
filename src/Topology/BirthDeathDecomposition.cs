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
    /// <summary>Sum of the birth values (0-D total persistence).</summary>
    public double TotalPersistence0 => Sum(Births);

    /// <summary>Sum of the death values (1-D total persistence).</summary>
    public double TotalPersistence1 => Sum(Deaths);

    /// <summary>Decomposes <paramref name="matrix"/> (dense Prim, O(n²) time).</summary>
    public static BirthDeathDecomposition Of(ConnectomeMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Size;
        var tree = MaximumSpanningTree.Of(matrix);
        var births = new float[Math.Max(0, n - 1)];
        var inTree = new HashSet<(int, int)>();
        for (var k = 0; k < tree.Length; k++)
        {
            births[k] = matrix[tree[k].From, tree[k].To];
            inTree.Add((Math.Min(tree[k].From, tree[k].To), Math.Max(tree[k].From, tree[k].To)));
        }

        var deaths = new List<float>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (!inTree.Contains((i, j)))
                {
                    deaths.Add(matrix[i, j]);
                }
            }
        }

        Array.Sort(births);
        var deathArray = deaths.ToArray();
        Array.Sort(deathArray);
        return new BirthDeathDecomposition(n, births, deathArray);
    }

    private static double Sum(float[] values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }
}
