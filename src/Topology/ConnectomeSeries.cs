namespace Orchestrator.Topology;

/// <summary>
/// The dynamic signature of one training run: fed one connectome per epoch, it decomposes it and
/// keeps, per epoch, the total persistence of each part and the Wasserstein distance to the
/// previous epoch. Only the latest decomposition is held, so memory stays O(n²) for any number of
/// epochs. No I/O: the training CLI and the Topology grain both use it.
/// </summary>
public sealed class ConnectomeSeries
{
    private readonly List<ConnectomeSeriesPoint> _points = [];

    /// <param name="p">Order of the Wasserstein distance, 1 or 2 (default 2).</param>
    public ConnectomeSeries(int p = 2)
    {
        if (p is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p is {p}; it must be 1 or 2.");
        }

        P = p;
    }

    /// <summary>The order of the distance.</summary>
    public int P { get; }

    /// <summary>The points so far, in epoch order.</summary>
    public IReadOnlyList<ConnectomeSeriesPoint> Points => _points;

    /// <summary>The decomposition of the latest epoch, or null before the first.</summary>
    public BirthDeathDecomposition? Latest { get; private set; }

    /// <summary>Adds the connectome of <paramref name="epoch"/> given as its strict upper triangle for <paramref name="n"/> neurons.</summary>
    /// <exception cref="ArgumentException">The length is not n(n−1)/2, an entry is infinite, n differs from earlier epochs, or the epoch does not increase.</exception>
    public ConnectomeSeriesPoint Add(int epoch, int n, ReadOnlySpan<float> upperTriangle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (upperTriangle.Length != ConnectomeMatrix.UpperTriangleLength(n))
        {
            throw new ArgumentException(
                $"the upper triangle has {upperTriangle.Length} entries; n = {n} needs n(n−1)/2 = {ConnectomeMatrix.UpperTriangleLength(n)}.",
                nameof(upperTriangle));
        }

        CheckNext(epoch, n);
        if (n == 1)
        {
            return Add(epoch, new BirthDeathDecomposition(1, [], []));
        }

        return Add(epoch, BirthDeathDecomposition.OfUpperTriangle(upperTriangle));
    }

    /// <summary>Adds the connectome of <paramref name="epoch"/>.</summary>
    /// <exception cref="ArgumentException">n differs from earlier epochs, or the epoch does not increase.</exception>
    public ConnectomeSeriesPoint Add(int epoch, ConnectomeMatrix connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        CheckNext(epoch, connectome.Size);
        return Add(epoch, BirthDeathDecomposition.Of(connectome));
    }

    private ConnectomeSeriesPoint Add(int epoch, BirthDeathDecomposition decomposition)
    {
        var distance = Latest is null ? null : WassersteinDistance.Between(Latest, decomposition, P);
        var point = new ConnectomeSeriesPoint(
            epoch, decomposition.Size, decomposition.TotalPersistence0, decomposition.TotalPersistence1, distance);
        _points.Add(point);
        Latest = decomposition;
        return point;
    }

    private void CheckNext(int epoch, int n)
    {
        if (_points.Count > 0 && epoch <= _points[^1].Epoch)
        {
            throw new ArgumentException($"epoch {epoch} after epoch {_points[^1].Epoch}: epochs must strictly increase.", nameof(epoch));
        }

        if (Latest is not null && Latest.Size != n)
        {
            throw new ArgumentException($"this connectome has {n} neurons but earlier epochs had {Latest.Size}; a run keeps its neurons.", nameof(n));
        }
    }
}
