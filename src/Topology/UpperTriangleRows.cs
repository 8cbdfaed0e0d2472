namespace Orchestrator.Topology;

/// <summary>
/// Rows of a pinned strict upper triangle (row by row), with the part below the diagonal read from a
/// transposed copy: the lower triangle of rows 1…n−2, row-major, which has exactly
/// n(n−1)/2 − (n−1) entries — the size of the death array, which lends its memory for it. Row n−1's
/// lower part is gathered from the triangle into an O(n) buffer the one time Prim reads it.
/// </summary>
internal readonly unsafe struct UpperTriangleRows : IPrimRows
{
    private readonly float* _upper;
    private readonly float* _lower;
    private readonly float* _lastRow;
    private readonly int _n;

    /// <summary>Wraps the pinned triangle <paramref name="upper"/>, its transposed copy <paramref name="lower"/> and an n-float buffer.</summary>
    public UpperTriangleRows(float* upper, float* lower, float* lastRow, int n)
    {
        _upper = upper;
        _lower = lower;
        _lastRow = lastRow;
        _n = n;
    }

    /// <summary>Offset of row i (its entry (i, i+1)) in the strict upper triangle of an n-node graph.</summary>
    public static long RowOffset(int n, int i) => ((long)i * n) - ((long)i * (i + 1) / 2);

    /// <summary>Fills <paramref name="lower"/> with rows 1…n−2 of the lower triangle, by cache-sized blocks, in parallel.</summary>
    public static void Transpose(nint upper, nint lower, int n)
    {
        const int block = 64;
        var blocks = (n + block - 1) / block;
        Parallel.For(
            0,
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            ub =>
            {
                var source = (float*)upper;
                var destination = (float*)lower;
                var firstU = Math.Max(1, ub * block);
                var endU = Math.Min(n - 1, (ub + 1) * block);
                for (var firstV = 0; firstV < endU - 1; firstV += block)
                {
                    var endV = Math.Min(firstV + block, endU - 1);
                    for (var v = firstV; v < endV; v++)
                    {
                        // source row v, indexed by column: w(v, u) = row[u] for u > v.
                        var row = source + RowOffset(n, v) - (v + 1);
                        for (var u = Math.Max(firstU, v + 1); u < endU; u++)
                        {
                            destination[((long)u * (u - 1) / 2) + v] = row[u];
                        }
                    }
                }
            });
    }

    /// <inheritdoc />
    public float* Below(int u)
    {
        if (u < _n - 1)
        {
            return _lower + ((long)u * (u - 1) / 2);
        }

        for (var v = 0; v < u; v++)
        {
            _lastRow[v] = _upper[RowOffset(_n, v) + (u - v - 1)];
        }

        return _lastRow;
    }

    /// <inheritdoc />
    public float* Above(int u) => _upper + RowOffset(_n, u) - (u + 1);
}
