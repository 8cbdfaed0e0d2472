using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Tests.Homology;

/// <summary>
/// Textbook reference: lists every vertex, edge and triangle of the Rips complex up to a threshold, sorts
/// them by (diameter, dimension), and reduces the full boundary matrix over Z/2 left to right (Edelsbrunner,
/// Letscher &amp; Zomorodian 2002). No cohomology, no clearing, no implicit anything.
/// </summary>
internal static class BruteForceRipsPersistence
{
    public static (List<PersistencePair> H0, List<PersistencePair> H1) Compute(float[,] d, float threshold)
    {
        var n = d.GetLength(0);
        var simplices = new List<(int[] Vertices, float Diameter)>();
        for (var i = 0; i < n; i++)
        {
            simplices.Add(([i], 0f));
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (d[i, j] <= threshold)
                {
                    simplices.Add(([i, j], d[i, j]));
                }

                for (var k = j + 1; k < n; k++)
                {
                    var diameter = Math.Max(d[i, j], Math.Max(d[i, k], d[j, k]));
                    if (diameter <= threshold)
                    {
                        simplices.Add(([i, j, k], diameter));
                    }
                }
            }
        }

        var order = simplices
            .Select((s, position) => (s, position))
            .OrderBy(x => x.s.Diameter)
            .ThenBy(x => x.s.Vertices.Length)
            .ThenBy(x => x.position)
            .Select(x => x.s)
            .ToList();
        var position = new Dictionary<string, int>();
        for (var k = 0; k < order.Count; k++)
        {
            position[string.Join(',', order[k].Vertices)] = k;
        }

        var columns = new List<SortedSet<int>>();
        foreach (var (vertices, _) in order)
        {
            var column = new SortedSet<int>();
            if (vertices.Length > 1)
            {
                for (var drop = 0; drop < vertices.Length; drop++)
                {
                    column.Add(position[string.Join(',', vertices.Where((_, v) => v != drop))]);
                }
            }

            columns.Add(column);
        }

        var lowOwner = new Dictionary<int, int>();
        var paired = new bool[order.Count];
        var h0 = new List<PersistencePair>();
        var h1 = new List<PersistencePair>();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            while (column.Count > 0 && lowOwner.TryGetValue(column.Max, out var other))
            {
                column.SymmetricExceptWith(columns[other]);
            }

            if (column.Count > 0)
            {
                var low = column.Max;
                lowOwner[low] = c;
                paired[low] = true;
                paired[c] = true;
                var pair = new PersistencePair(order[low].Diameter, order[c].Diameter);
                (order[low].Vertices.Length == 1 ? h0 : h1).Add(pair);
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (!paired[c] && order[c].Vertices.Length <= 2)
            {
                (order[c].Vertices.Length == 1 ? h0 : h1).Add(new PersistencePair(order[c].Diameter, float.PositiveInfinity));
            }
        }

        return (Clean(h0), Clean(h1));
    }

    private static List<PersistencePair> Clean(List<PersistencePair> pairs) =>
        [.. pairs.Where(p => p.Death > p.Birth).Order()];
}
