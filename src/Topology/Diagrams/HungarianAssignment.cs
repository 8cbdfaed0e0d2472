namespace Orchestrator.Topology.Diagrams;

/// <summary>
/// Minimum-cost perfect assignment on a dense square cost matrix by the Hungarian method in its
/// shortest-augmenting-path form (Kuhn 1955; Munkres 1957; Jonker &amp; Volgenant 1987): rows are added one
/// at a time and each is matched along a shortest augmenting path under reduced costs c(i, j) − u(i) − v(j),
/// Dijkstra-style, with the dual potentials u, v kept feasible. O(N³) time, O(N) extra memory.
/// </summary>
internal static class HungarianAssignment
{
    /// <summary>The minimal total cost of assigning every row to a distinct column.</summary>
    /// <param name="cost">Row-major N × N finite costs.</param>
    /// <param name="size">N.</param>
    public static double MinimumCost(ReadOnlySpan<double> cost, int size)
    {
        if (size == 0)
        {
            return 0;
        }

        // 1-based with a virtual column 0 that holds the row being inserted.
        var u = new double[size + 1];
        var v = new double[size + 1];
        var rowOfColumn = new int[size + 1];
        var previous = new int[size + 1];
        var slack = new double[size + 1];
        var visited = new bool[size + 1];
        for (var row = 1; row <= size; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            Array.Fill(slack, double.PositiveInfinity);
            Array.Clear(visited);
            do
            {
                visited[column] = true;
                var i = rowOfColumn[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                var costRow = cost.Slice((i - 1) * size, size);
                for (var j = 1; j <= size; j++)
                {
                    if (visited[j])
                    {
                        continue;
                    }

                    var reduced = costRow[j - 1] - u[i] - v[j];
                    if (reduced < slack[j])
                    {
                        slack[j] = reduced;
                        previous[j] = column;
                    }

                    if (slack[j] < delta)
                    {
                        delta = slack[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= size; j++)
                {
                    if (visited[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        slack[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            // Flip the augmenting path back to the virtual column.
            do
            {
                var back = previous[column];
                rowOfColumn[column] = rowOfColumn[back];
                column = back;
            }
            while (column != 0);
        }

        double total = 0;
        for (var j = 1; j <= size; j++)
        {
            total += cost[((rowOfColumn[j] - 1) * size) + j - 1];
        }

        return total;
    }
}
