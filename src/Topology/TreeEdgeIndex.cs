namespace Orchestrator.Topology;

/// <summary>
/// The spanning-tree edges of an n-node graph indexed by their smaller endpoint (CSR, O(n)): for row
/// i, the sorted columns j &gt; i with (i, j) in the tree, so a row of the upper triangle can be copied
/// as the segments between them.
/// </summary>
internal sealed class TreeEdgeIndex
{
    private readonly int[] _rowStart;
    private readonly int[] _columns;

    /// <summary>Indexes the edges (parent[v], v) for every v with parent[v] ≥ 0.</summary>
    public TreeEdgeIndex(int[] parent)
    {
        var n = parent.Length;
        _rowStart = new int[n + 1];
        for (var v = 0; v < n; v++)
        {
            if (parent[v] >= 0)
            {
                _rowStart[Math.Min(v, parent[v]) + 1]++;
            }
        }

        for (var i = 0; i < n; i++)
        {
            _rowStart[i + 1] += _rowStart[i];
        }

        _columns = new int[_rowStart[n]];
        var fill = _rowStart[..n];
        for (var v = 0; v < n; v++)
        {
            if (parent[v] >= 0)
            {
                _columns[fill[Math.Min(v, parent[v])]++] = Math.Max(v, parent[v]);
            }
        }

        for (var i = 0; i < n; i++)
        {
            Array.Sort(_columns, _rowStart[i], _rowStart[i + 1] - _rowStart[i]);
        }
    }

    /// <summary>Number of tree edges whose smaller endpoint is below <paramref name="row"/>.</summary>
    public int EdgesBefore(int row) => _rowStart[row];

    /// <summary>The sorted larger endpoints of the tree edges whose smaller endpoint is <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> Columns(int row) => _columns.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);
}
