namespace Orchestrator.Topology.Diagrams;

/// <summary>
/// Maximum matching in a bipartite graph by Hopcroft–Karp (1973): breadth-first layering from the free
/// left vertices, then vertex-disjoint shortest augmenting paths by depth-first search, O(E √V).
/// </summary>
internal static class HopcroftKarpMatching
{
    /// <summary>Whether the graph on <paramref name="size"/> + <paramref name="size"/> vertices has a perfect matching.</summary>
    /// <param name="size">Vertices on each side.</param>
    /// <param name="adjacency">The right neighbours of each left vertex.</param>
    public static bool HasPerfectMatching(int size, IReadOnlyList<int[]> adjacency)
    {
        var matchLeft = new int[size];
        var matchRight = new int[size];
        Array.Fill(matchLeft, -1);
        Array.Fill(matchRight, -1);
        var layer = new int[size];
        var queue = new int[size];
        var matched = 0;
        while (Layer(size, adjacency, matchLeft, matchRight, layer, queue))
        {
            for (var left = 0; left < size; left++)
            {
                if (matchLeft[left] < 0 && Augment(left, adjacency, matchLeft, matchRight, layer))
                {
                    matched++;
                }
            }
        }

        return matched == size;
    }

    /// <summary>Layers left vertices by BFS distance from the free ones; true if some free right vertex is reachable.</summary>
    private static bool Layer(int size, IReadOnlyList<int[]> adjacency, int[] matchLeft, int[] matchRight, int[] layer, int[] queue)
    {
        int head = 0, tail = 0;
        for (var left = 0; left < size; left++)
        {
            if (matchLeft[left] < 0)
            {
                layer[left] = 0;
                queue[tail++] = left;
            }
            else
            {
                layer[left] = int.MaxValue;
            }
        }

        var found = false;
        while (head < tail)
        {
            var left = queue[head++];
            foreach (var right in adjacency[left])
            {
                var next = matchRight[right];
                if (next < 0)
                {
                    found = true;
                }
                else if (layer[next] == int.MaxValue)
                {
                    layer[next] = layer[left] + 1;
                    queue[tail++] = next;
                }
            }
        }

        return found;
    }

    private static bool Augment(int left, IReadOnlyList<int[]> adjacency, int[] matchLeft, int[] matchRight, int[] layer)
    {
        foreach (var right in adjacency[left])
        {
            var next = matchRight[right];
            if (next < 0 || (layer[next] == layer[left] + 1 && Augment(next, adjacency, matchLeft, matchRight, layer)))
            {
                matchLeft[left] = right;
                matchRight[right] = left;
                return true;
            }
        }

        // A dead end this phase: take it out of the layering.
        layer[left] = int.MaxValue;
        return false;
    }
}
