namespace Orchestrator.Topology;

/// <summary>
/// Row access for dense Prim without materialising rows: for node u, a pointer p with p[v] = w(v, u)
/// for v &lt; u and a pointer q with q[v] = w(u, v) for v &gt; u (pointers may point before their
/// storage; only those indices are read).
/// </summary>
internal unsafe interface IPrimRows
{
    /// <summary>Pointer p with p[v] = w(v, <paramref name="u"/>) for v &lt; u.</summary>
    float* Below(int u);

    /// <summary>Pointer q with q[v] = w(<paramref name="u"/>, v) for v &gt; u.</summary>
    float* Above(int u);
}
