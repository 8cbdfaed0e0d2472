namespace Orchestrator.Topology;

/// <summary>Maximum spanning tree of a complete weighted graph by dense Prim.</summary>
public static class MaximumSpanningTree
{
    /// <summary>
    /// The n−1 tree edges in the order Prim adds them, starting from node 0 (O(n²) time, O(n) extra
    /// memory, vectorised). Ties are broken deterministically: the lowest node index wins, both for the
    /// next node to join and for the tree node it joins through.
    /// </summary>
    public static SpanningTreeEdge[] Of(ConnectomeMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Size;
        if (n <= 1)
        {
            return [];
        }

        var prim = DensePrim.Run(matrix.Values, n);
        var edges = new SpanningTreeEdge[n - 1];
        for (var k = 1; k < n; k++)
        {
            var to = prim.Order[k];
            edges[k - 1] = new SpanningTreeEdge(prim.Parent[to], to);
        }

        return edges;
    }
}
