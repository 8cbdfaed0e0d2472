namespace Orchestrator.Topology.Homology;

/// <summary>
/// A finite metric (or dissimilarity) on <see cref="Size"/> points, dense and row-major in single
/// precision, the input of <see cref="VietorisRipsPersistence"/>. Single precision is deliberate: it is
/// what Ripser works in, so barcodes can be compared value for value.
/// </summary>
public sealed class RipsDistanceMatrix
{
    private readonly float[] _values;

    private RipsDistanceMatrix(int size, float[] values)
    {
        Size = size;
        _values = values;
    }

    /// <summary>Number of points.</summary>
    public int Size { get; }

    /// <summary>The distance between points <paramref name="i"/> and <paramref name="j"/>.</summary>
    public float this[int i, int j] => _values[(i * Size) + j];

    /// <summary>The whole matrix, row-major.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => _values.AsSpan(i * Size, Size);

    /// <summary>
    /// The connectome distance d = 1 − |w| (strongly correlated neurons are close), computed in
    /// single precision; the diagonal is 0.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is outside [−1, 1] (its distance would be negative).</exception>
    public static RipsDistanceMatrix FromConnectome(ConnectomeMatrix connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        var n = connectome.Size;
        var w = connectome.Values;
        var d = new float[(long)n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var a = MathF.Abs(w[(i * n) + j]);
                if (i != j && !(a <= 1f))
                {
                    throw new ArgumentException($"weight ({i},{j}) is {w[(i * n) + j]}; connectome weights must be in [−1, 1].", nameof(connectome));
                }

                d[(i * n) + j] = i == j ? 0f : 1f - a;
            }
        }

        return new RipsDistanceMatrix(n, d);
    }

    /// <summary>
    /// A matrix from dense row-major values (copied). Only the strict lower triangle is read and mirrored;
    /// the diagonal is taken as 0.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not n², or a distance is NaN, infinite or negative.</exception>
    public static RipsDistanceMatrix FromDense(ReadOnlySpan<float> values, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (values.Length != (long)size * size)
        {
            throw new ArgumentException($"values has {values.Length} entries; a {size}×{size} matrix needs {(long)size * size}.", nameof(values));
        }

        var d = new float[(long)size * size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var v = values[(i * size) + j];
                if (!float.IsFinite(v) || v < 0)
                {
                    throw new ArgumentException($"distance ({i},{j}) is {v}; distances must be finite and ≥ 0.", nameof(values));
                }

                // +0 for −0, so equal distances have equal filtration keys.
                v = v == 0 ? 0f : v;
                d[(i * size) + j] = v;
                d[(j * size) + i] = v;
            }
        }

        return new RipsDistanceMatrix(size, d);
    }

    /// <summary>
    /// The enclosing radius min_i max_j d(i, j): at that value the Rips complex is a cone on the
    /// minimising point, hence contractible, so no class of positive dimension survives beyond it and
    /// every H0 class but one has died. Truncating there changes no diagram.
    /// </summary>
    public float EnclosingRadius()
    {
        if (Size <= 1)
        {
            return 0f;
        }

        var radius = float.PositiveInfinity;
        for (var i = 0; i < Size; i++)
        {
            var row = Row(i);
            var max = 0f;
            foreach (var v in row)
            {
                max = MathF.Max(max, v);
            }

            radius = MathF.Min(radius, max);
        }

        return radius;
    }
}
