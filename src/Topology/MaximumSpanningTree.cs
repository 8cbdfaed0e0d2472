namespace Orchestrator.Topology;

/// <summary>Maximum spanning tree of a complete weighted graph by dense Prim.</summary>
public static class MaximumSpanningTree
{
    /// <summary>
    /// The n−1 tree edges in the order Prim adds them, starting from node 0. Ties are broken
    /// deterministically: the lowest node index wins.
    /// </summary>
    public static SpanningTreeEdge[] Of(ConnectomeMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Size;
        if (n <= 1)
        {
            return [];
        }

        var inTree = new bool[n];
        var best = new float[n];
        var parent = new int[n];
        Array.Fill(best, float.NegativeInfinity);
        var edges = new SpanningTreeEdge[n - 1];
        var current = 0;
        inTree[0] = true;
        for (var added = 0; added < n - 1; added++)
        {
            var row = matrix.Row(current);
            var next = -1;
            var nextWeight = float.NegativeInfinity;
            for (var v = 0; v < n; v++)
            {
                if (inTree[v])
                {
                    continue;
                }

                if (row[v] > best[v])
                {
                    best[v] = row[v];
                    parent[v] = current;
                }

                if (next < 0 || best[v] > nextWeight)
                {
                    next = v;
                    nextWeight = best[v];
                }
            }

            inTree[next] = true;
            edges[added] = new SpanningTreeEdge(parent[next], next);
            current = next;
        }

        return edges;
    }
}
