using System.Runtime.Intrinsics;

namespace Orchestrator.Topology;

/// <summary>
/// A weighted complete graph on <see cref="Size"/> nodes stored as a dense, symmetric, row-major
/// <c>n × n</c> matrix of single-precision weights with a zero diagonal.
/// </summary>
/// <remarks>
/// Dense storage keeps every row contiguous, which is what dense Prim and the vectorised
/// connectome kernels need; the strict upper triangle is the wire format.
/// </remarks>
public sealed class ConnectomeMatrix
{
    private readonly float[] _values;

    private ConnectomeMatrix(int size, float[] values)
    {
        Size = size;
        _values = values;
    }

    /// <summary>
    /// The most nodes a connectome can have: its dense n × n storage is one .NET array, so n² must not
    /// exceed <see cref="Array.MaxLength"/> (46,340 nodes, 8.6 GB of float32).
    /// </summary>
    public const int MaxSize = 46_340;

    /// <summary>Number of nodes (neurons).</summary>
    public int Size { get; }

    /// <summary>The weight of edge (<paramref name="i"/>, <paramref name="j"/>).</summary>
    public float this[int i, int j] => _values[(i * Size) + j];

    /// <summary>Row <paramref name="i"/> of the dense matrix.</summary>
    public ReadOnlySpan<float> Row(int i) => _values.AsSpan(i * Size, Size);

    /// <summary>The whole dense matrix, row-major.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The backing array, for kernels that split rows over threads (never exposed publicly).</summary>
    internal float[] DenseValues => _values;

    /// <summary>Number of entries in the strict upper triangle of an <paramref name="n"/>-node matrix.</summary>
    public static long UpperTriangleLength(int n) => (long)n * (n - 1) / 2;

    /// <summary>
    /// The node count whose strict upper triangle has <paramref name="length"/> entries.
    /// </summary>
    /// <exception cref="ArgumentException">No node count gives that length.</exception>
    public static int SizeFromUpperTriangleLength(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var n = (int)Math.Round((1 + Math.Sqrt(1 + (8.0 * length))) / 2);
        if (UpperTriangleLength(n) != length)
        {
            throw new ArgumentException($"{length} is not n(n-1)/2 for any node count n.", nameof(length));
        }

        return n;
    }

    /// <summary>
    /// Takes ownership of a dense row-major <c>n × n</c> array without copying. The caller
    /// guarantees symmetry and a zero diagonal.
    /// </summary>
    internal static ConnectomeMatrix WrapDense(int size, float[] values) => new(size, values);

    /// <summary>
    /// Builds a matrix from the strict upper triangle, row by row (<c>(0,1), (0,2), …, (n-2,n-1)</c>).
    /// NaN entries count as weight 0; infinite entries are rejected.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not n(n-1)/2, or an entry is infinite.</exception>
    public static ConnectomeMatrix FromUpperTriangle(ReadOnlySpan<float> upper)
    {
        var n = SizeFromUpperTriangleLength(upper.Length);
        var hasNaN = CheckUpperTriangle(upper, n);
        var values = new float[(long)n * n];
        for (var i = 0; i < n - 1; i++)
        {
            upper.Slice((int)UpperTriangleRows.RowOffset(n, i), n - i - 1).CopyTo(values.AsSpan((i * n) + i + 1));
        }

        if (hasNaN)
        {
            for (var k = 0; k < values.Length; k++)
            {
                if (float.IsNaN(values[k]))
                {
                    values[k] = 0f;
                }
            }
        }

        MirrorUpperToLower(values, n);
        return new ConnectomeMatrix(n, values);
    }

    /// <summary>
    /// Rejects an infinite entry of a strict upper triangle (naming its position) and reports whether
    /// any entry is NaN.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is ±Inf.</exception>
    internal static bool CheckUpperTriangle(ReadOnlySpan<float> upper, int n)
    {
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(upper);
        const int exponent = 0x7F800000;
        var k = 0;
        var nonFinite = false;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(exponent);
            var any = Vector256<int>.Zero;
            for (; k + Vector256<int>.Count <= bits.Length; k += Vector256<int>.Count)
            {
                any |= Vector256.Equals(Vector256.Create(bits.Slice(k, Vector256<int>.Count)) & mask, mask);
            }

            nonFinite = any != Vector256<int>.Zero;
        }

        for (; k < bits.Length; k++)
        {
            nonFinite |= (bits[k] & exponent) == exponent;
        }

        if (!nonFinite)
        {
            return false;
        }

        var hasNaN = false;
        for (int i = 0, index = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++, index++)
            {
                if (float.IsInfinity(upper[index]))
                {
                    throw new ArgumentException($"entry ({i},{j}) is infinite; weights must be finite.", nameof(upper));
                }

                hasNaN |= float.IsNaN(upper[index]);
            }
        }

        return hasNaN;
    }

    // Copies the upper triangle onto the lower one by 64 × 64 blocks, rows in parallel (each task writes its own rows).
    private static void MirrorUpperToLower(float[] values, int n)
    {
        const int block = 64;
        Parallel.For(
            0,
            (n + block - 1) / block,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            rowBlock =>
            {
                var endRow = Math.Min(n, (rowBlock + 1) * block);
                for (var firstColumn = 0; firstColumn < endRow; firstColumn += block)
                {
                    for (var j = rowBlock * block; j < endRow; j++)
                    {
                        var endColumn = Math.Min(j, firstColumn + block);
                        for (var i = firstColumn; i < endColumn; i++)
                        {
                            values[((long)j * n) + i] = values[((long)i * n) + j];
                        }
                    }
                }
            });
    }

    /// <summary>The strict upper triangle, row by row, as a new array.</summary>
    public float[] ToUpperTriangle()
    {
        var n = Size;
        var upper = new float[UpperTriangleLength(n)];
        var k = 0;
        for (var i = 0; i < n - 1; i++)
        {
            var row = Row(i)[(i + 1)..];
            row.CopyTo(upper.AsSpan(k));
            k += row.Length;
        }

        return upper;
    }
}
