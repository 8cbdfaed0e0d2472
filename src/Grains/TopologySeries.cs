using System.Diagnostics;
using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Grains;

/// <summary>
/// The per-trial persistence time series: feeds each epoch's connectome to a <see cref="ConnectomeSeries"/>
/// (decomposition and distance to the previous epoch), adds losses, timings and a smoothed distance, and
/// asks the criterion. The grain keeps only the records as state; the criterion is rebuilt by replaying them.
/// </summary>
public sealed class TopologySeries
{
    /// <summary>Weight of the newest distance in the smoothed series.</summary>
    public const double SmoothingWeight = 0.5;

    private readonly IStoppingCriterion _criterion;
    private readonly List<EpochRecord> _records = [];
    private readonly ConnectomeSeries _tracker = new();

    /// <summary>Starts a series, replaying <paramref name="history"/> into <paramref name="criterion"/>.</summary>
    /// <param name="criterion">A fresh criterion instance.</param>
    /// <param name="history">Records already kept, in epoch order.</param>
    /// <param name="previousConnectome">The upper triangle of the last recorded epoch, if kept.</param>
    public TopologySeries(IStoppingCriterion criterion, IEnumerable<EpochRecord> history, float[]? previousConnectome)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(history);
        _criterion = criterion;
        foreach (var record in history)
        {
            _criterion.Observe(ObservationOf(record));
            _records.Add(record);
        }

        if (previousConnectome is not null && _records.Count > 0 && previousConnectome.Length > 0)
        {
            // Seeds the tracker with the last recorded epoch, so the next epoch gets its distance.
            _tracker.Add(_records[^1].Epoch, ConnectomeMatrix.SizeFromUpperTriangleLength(previousConnectome.Length), previousConnectome);
        }
    }

    /// <summary>The records so far.</summary>
    public IReadOnlyList<EpochRecord> Records => _records;

    /// <summary>Records one epoch and asks the criterion.</summary>
    public (EpochRecord Record, StoppingDecision Decision) Observe(EpochSnapshotMessage snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var watch = Stopwatch.StartNew();
        var upper = MemoryMarshal.Cast<byte, float>(snapshot.Connectome);
        ConnectomeSeriesPoint? point = null;
        if (upper.Length > 0)
        {
            point = _tracker.Latest is { } latest && latest.Size != snapshot.ConnectomeSize
                ? null
                : _tracker.Add(snapshot.Epoch, snapshot.ConnectomeSize, upper);
        }

        var distance = point?.Distance;
        double? smoothed = null;
        if (distance is not null)
        {
            var last = _records.Count > 0 ? _records[^1].SmoothedDistance : null;
            smoothed = last is { } s ? (SmoothingWeight * distance.W) + ((1 - SmoothingWeight) * s) : distance.W;
        }

        var record = new EpochRecord
        {
            Epoch = snapshot.Epoch,
            TrainingLoss = snapshot.TrainingLoss,
            ValidationLoss = snapshot.ValidationLoss,
            ValidationAccuracy = snapshot.ValidationAccuracy,
            ConnectomeSize = snapshot.ConnectomeSize,
            Persistence0 = point?.TotalPersistence0 ?? 0,
            Persistence1 = point?.TotalPersistence1 ?? 0,
            W0 = distance?.W0,
            W1 = distance?.W1,
            Distance = distance?.W,
            SmoothedDistance = smoothed,
            TrainSeconds = snapshot.TrainSeconds,
            ProbeSeconds = snapshot.ProbeSeconds,
            ConnectomeSeconds = snapshot.ConnectomeSeconds,
            ValidationSeconds = snapshot.ValidationSeconds,
            TestAccuracy = snapshot.TestAccuracy,
            TestLoss = snapshot.TestLoss,
            TestSeconds = snapshot.TestSeconds,
        };
        var decision = _criterion.Observe(ObservationOf(record, distance));
        record = record with
        {
            Decision = decision.ShouldStop ? decision.Reason : string.Empty,
            TopologySeconds = watch.Elapsed.TotalSeconds,
        };
        _records.Add(record);
        return (record, decision);
    }

    private static EpochObservation ObservationOf(EpochRecord record, TopologicalDistance? distance = null)
    {
        distance ??= record.Distance is { } w ? new TopologicalDistance(2, record.W0 ?? 0, record.W1 ?? 0, w) : null;
        return new EpochObservation(record.Epoch, record.TrainingLoss)
        {
            ValidationLoss = record.ValidationLoss,
            GraphDistance = distance,
        };
    }
}
