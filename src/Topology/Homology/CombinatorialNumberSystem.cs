namespace Orchestrator.Topology.Homology;

/// <summary>
/// The combinatorial number system: the simplex {v_k &gt; … &gt; v_0} has index
/// C(v_k, k+1) + … + C(v_0, 1), a bijection between k-simplices on n vertices and 0 … C(n, k+1) − 1
/// that lets simplices be enumerated and named without ever being stored (Knuth, TAOCP 4A, 7.2.1.3).
/// Edges and triangles only, which is all dimensions 0 and 1 need.
/// </summary>
internal sealed class CombinatorialNumberSystem
{
    /// <summary>Largest n whose triangle indices fit in 32 bits (C(2953, 3) &gt; 2³²).</summary>
    public const int MaxVertices = 2952;

    private readonly uint[] _choose2;
    private readonly uint[] _choose3;

    public CombinatorialNumberSystem(int vertices)
    {
        if (vertices > MaxVertices)
        {
            throw new ArgumentOutOfRangeException(
                nameof(vertices), vertices, $"at most {MaxVertices} points: triangle indices must fit in 32 bits.");
        }

        _choose2 = new uint[vertices + 1];
        _choose3 = new uint[vertices + 1];
        for (var x = 0; x <= vertices; x++)
        {
            _choose2[x] = (uint)((long)x * (x - 1) / 2);
            _choose3[x] = (uint)((long)x * (x - 1) * (x - 2) / 6);
        }
    }

    /// <summary>C(x, 2).</summary>
    public ReadOnlySpan<uint> Choose2 => _choose2;

    /// <summary>C(x, 3).</summary>
    public ReadOnlySpan<uint> Choose3 => _choose3;

    /// <summary>The index of edge {i, j}, i &gt; j: C(i, 2) + j (the row-major lower-triangle position).</summary>
    public uint Edge(int i, int j) => _choose2[i] + (uint)j;

    /// <summary>The vertices (i &gt; j) of the edge with index <paramref name="index"/>.</summary>
    public static (int I, int J) EdgeVertices(uint index)
    {
        // Invert C(i, 2) ≤ index < C(i + 1, 2); the square root is corrected for rounding.
        var i = (int)((1 + Math.Sqrt(1 + (8.0 * index))) / 2);
        while ((long)i * (i - 1) / 2 > index)
        {
            i--;
        }

        while ((long)(i + 1) * i / 2 <= index)
        {
            i++;
        }

        return (i, (int)(index - ((long)i * (i - 1) / 2)));
    }
}
