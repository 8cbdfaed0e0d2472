using System.Diagnostics;
using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Grains;

/// <summary>
/// The per-trial persistence time series: feeds each epoch to an <see cref="EpochSignalTracker"/> (the
/// signals the criterion reads, plus the cheap graph distance, always recorded), adds losses and timings,
/// asks the criterion and keeps the smoothed signal the criterion compared. The grain keeps only the
/// records as state; the criterion is rebuilt by replaying them.
/// </summary>
public sealed class TopologySeries
{
    private readonly IStoppingCriterion _criterion;
    private readonly List<EpochRecord> _records = [];
    private readonly EpochSignalTracker _tracker;
    private int? _connectomeSize;

    /// <summary>Starts a series, replaying <paramref name="history"/> into <paramref name="criterion"/>.</summary>
    /// <param name="criterion">A fresh criterion instance.</param>
    /// <param name="signals">The signals <paramref name="criterion"/> reads.</param>
    /// <param name="history">Records already kept, in epoch order.</param>
    /// <param name="previousConnectome">The upper triangle of the last recorded epoch, if kept.</param>
    public TopologySeries(IStoppingCriterion criterion, CriterionSignals signals, IEnumerable<EpochRecord> history, float[]? previousConnectome)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(history);
        _criterion = criterion;
        _tracker = new EpochSignalTracker(signals | CriterionSignals.GraphDistance);
        foreach (var record in history)
        {
            _criterion.Observe(ObservationOf(record));
            _records.Add(record);
        }

        if (previousConnectome is { Length: > 0 } && _records.Count > 0)
        {
            // Seeds the tracker with the last recorded epoch, so the next epoch gets its distances.
            var size = ConnectomeMatrix.SizeFromUpperTriangleLength(previousConnectome.Length);
            _tracker.Restore(_records[^1].Epoch, size, previousConnectome);
            _connectomeSize = size;
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
        EpochSignalValues? values = null;
        if (upper.Length > 0 && (_connectomeSize is null || _connectomeSize == snapshot.ConnectomeSize))
        {
            values = _tracker.Observe(
                snapshot.Epoch,
                snapshot.TrainingLoss,
                snapshot.ValidationLoss,
                snapshot.ConnectomeSize,
                upper,
                snapshot.Weights.IsEmpty ? null : () => LayersOf(snapshot));
            _connectomeSize = snapshot.ConnectomeSize;
        }

        var distance = values?.GraphDistance;
        var record = new EpochRecord
        {
            Epoch = snapshot.Epoch,
            TrainingLoss = snapshot.TrainingLoss,
            ValidationLoss = snapshot.ValidationLoss,
            ValidationAccuracy = snapshot.ValidationAccuracy,
            ConnectomeSize = snapshot.ConnectomeSize,
            Persistence0 = values?.GraphPoint?.TotalPersistence0 ?? 0,
            Persistence1 = values?.GraphPoint?.TotalPersistence1 ?? 0,
            W0 = distance?.W0,
            W1 = distance?.W1,
            Distance = distance?.W,
            DiagramDistance = values?.DiagramDistance,
            NeuralPersistence = values?.NeuralPersistenceMean,
            TrainSeconds = snapshot.TrainSeconds,
            ProbeSeconds = snapshot.ProbeSeconds,
            ConnectomeSeconds = snapshot.ConnectomeSeconds,
            ValidationSeconds = snapshot.ValidationSeconds,
            TestAccuracy = snapshot.TestAccuracy,
            TestLoss = snapshot.TestLoss,
            TestSeconds = snapshot.TestSeconds,
        };
        var observation = values?.Observation ?? ObservationOf(record);
        var decision = _criterion.Observe(observation);
        record = record with
        {
            Decision = decision.ShouldStop ? decision.Reason : string.Empty,
            SmoothedDistance = decision.SmoothedSignal,
            TopologySeconds = watch.Elapsed.TotalSeconds,
        };
        _records.Add(record);
        return (record, decision);
    }

    private static List<NeuralPersistenceLayer> LayersOf(EpochSnapshotMessage snapshot) =>
        [.. snapshot.Weights.Select(w => new NeuralPersistenceLayer(w.Inputs, w.Outputs, MemoryMarshal.Cast<byte, float>(w.Values).ToArray()))];

    private static EpochObservation ObservationOf(EpochRecord record) => new(record.Epoch, record.TrainingLoss)
    {
        ValidationLoss = record.ValidationLoss,
        GraphDistance = record.Distance is { } w ? new TopologicalDistance(2, record.W0 ?? 0, record.W1 ?? 0, w) : null,
        DiagramDistance = record.DiagramDistance,
        NeuralPersistence = record.NeuralPersistence,
    };
}
