namespace Orchestrator.Topology.Homology;

/// <summary>
/// Disjoint sets over 0 … n−1 with union by rank and path halving: near-constant amortised time per
/// operation (inverse Ackermann; Tarjan 1975).
/// </summary>
internal sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly byte[] _rank;

    public UnionFind(int count)
    {
        _parent = new int[count];
        _rank = new byte[count];
        for (var k = 0; k < count; k++)
        {
            _parent[k] = k;
        }
    }

    public int Find(int x)
    {
        var parent = _parent;
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    /// <summary>Merges the sets of <paramref name="a"/> and <paramref name="b"/>; false if they were already one.</summary>
    public bool Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return false;
        }

        if (_rank[ra] < _rank[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        if (_rank[ra] == _rank[rb])
        {
            _rank[ra]++;
        }

        return true;
    }
}
