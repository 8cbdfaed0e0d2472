using Orchestrator.Topology.Diagrams;

namespace Orchestrator.Topology.Homology;

/// <summary>
/// FP's dynamic signature for one training run, the counterpart of <see cref="ConnectomeSeries"/>: fed one
/// connectome per epoch, it computes the Vietoris–Rips diagrams of d = 1 − |w| and the distance to the
/// previous epoch's diagrams (<see cref="DiagramDistance.Between(RipsPersistence, RipsPersistence, DiagramMetric)"/>),
/// the value <see cref="Stopping.EpochObservation.DiagramDistance"/> carries to the <c>fp</c> criterion.
/// Only the latest diagrams are held.
/// </summary>
public sealed class PersistenceDiagramSeries
{
    private readonly List<PersistenceDiagramSeriesPoint> _points = [];

    /// <param name="metric">The diagram distance (default: 2-Wasserstein).</param>
    public PersistenceDiagramSeries(DiagramMetric metric = DiagramMetric.Wasserstein2)
    {
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown diagram metric.");
        }

        Metric = metric;
    }

    /// <summary>The diagram distance used.</summary>
    public DiagramMetric Metric { get; }

    /// <summary>The points so far, in epoch order.</summary>
    public IReadOnlyList<PersistenceDiagramSeriesPoint> Points => _points;

    /// <summary>The diagrams of the latest epoch, or null before the first.</summary>
    public RipsPersistence? Latest { get; private set; }

    /// <summary>Adds the connectome of <paramref name="epoch"/>.</summary>
    /// <exception cref="ArgumentException">n differs from earlier epochs, the epoch does not increase, or a weight is outside [−1, 1].</exception>
    public PersistenceDiagramSeriesPoint Add(int epoch, ConnectomeMatrix connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        if (_points.Count > 0 && epoch <= _points[^1].Epoch)
        {
            throw new ArgumentException($"epoch {epoch} after epoch {_points[^1].Epoch}: epochs must strictly increase.", nameof(epoch));
        }

        if (Latest is not null && Latest.Size != connectome.Size)
        {
            throw new ArgumentException(
                $"this connectome has {connectome.Size} neurons but earlier epochs had {Latest.Size}; a run keeps its neurons.", nameof(connectome));
        }

        var diagrams = VietorisRipsPersistence.OfConnectome(connectome);
        double? distance = Latest is null ? null : DiagramDistance.Between(Latest, diagrams, Metric);
        var point = new PersistenceDiagramSeriesPoint(epoch, connectome.Size, diagrams.H0.Count, diagrams.H1.Count, distance);
        _points.Add(point);
        Latest = diagrams;
        return point;
    }
}
