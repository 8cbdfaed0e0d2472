using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

/// <summary>
/// An independent decomposition for comparison: Kruskal's algorithm (edges by descending weight,
/// union–find) picks a maximum spanning tree; births are its weights, deaths the other edges, both
/// sorted with Array.Sort. The sorted multisets do not depend on which maximum tree is picked.
/// </summary>
internal static class KruskalReference
{
    public static (float[] Births, float[] Deaths) Decompose(ConnectomeMatrix matrix)
    {
        var n = matrix.Size;
        var edges = new List<(int I, int J, float W)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                edges.Add((i, j, matrix[i, j]));
            }
        }

        edges.Sort((a, b) => b.W.CompareTo(a.W));
        var root = Enumerable.Range(0, n).ToArray();
        int Find(int v) => root[v] == v ? v : root[v] = Find(root[v]);
        var births = new List<float>();
        var deaths = new List<float>();
        foreach (var (i, j, w) in edges)
        {
            var (a, b) = (Find(i), Find(j));
            if (a != b)
            {
                root[a] = b;
                births.Add(w);
            }
            else
            {
                deaths.Add(w);
            }
        }

        var birthArray = births.ToArray();
        var deathArray = deaths.ToArray();
        Array.Sort(birthArray);
        Array.Sort(deathArray);
        return (birthArray, deathArray);
    }
}
