using System.Diagnostics;
using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Trials;

/// <summary>
/// The per-trial persistence time series: feeds each epoch to an <see cref="EpochSignalTracker"/> (the
/// signals the criterion reads, plus the cheap graph distance, always recorded), adds losses and timings,
/// asks the criterion and keeps the smoothed signal the criterion compared. Callers keep only the records
/// (the topology grain as state, the <c>train</c> verb in its <see cref="RunJournal"/>); this is the one place
/// that rebuilds a criterion's per-trial state from them, by replaying them.
/// </summary>
/// <remarks>
/// The graph distance is recorded whenever the run sends connectomes: a run whose criterion reads none (VL, NP,
/// none) sends them only when it records topology (<c>TrialPlan.RecordTopology</c>), so the first snapshot decides.
/// </remarks>
public sealed class TopologySeries
{
    private readonly IStoppingCriterion _criterion;
    private readonly List<EpochRecord> _records = [];
    private readonly CriterionSignals _signals;
    private EpochSignalTracker? _tracker;
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
        _signals = signals;
        foreach (var record in history)
        {
            _criterion.Observe(ObservationOf(record));
            _records.Add(record);
        }

        if (previousConnectome is { Length: > 0 } && _records.Count > 0)
        {
            // Seeds the tracker with the last recorded epoch, so the next epoch gets its distances.
            var size = ConnectomeMatrix.SizeFromUpperTriangleLength(previousConnectome.Length);
            _tracker = new EpochSignalTracker(signals | CriterionSignals.GraphDistance);
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
        _tracker ??= new EpochSignalTracker(_signals | (upper.Length > 0 ? CriterionSignals.GraphDistance : CriterionSignals.None));
        var readsConnectome = (_tracker.Signals & (CriterionSignals.GraphDistance | CriterionSignals.DiagramDistance)) != 0;
        if (!readsConnectome || (upper.Length > 0 && (_connectomeSize is null || _connectomeSize == snapshot.ConnectomeSize)))
        {
            values = _tracker.Observe(
                snapshot.Epoch,
                snapshot.TrainingLoss,
                snapshot.ValidationLoss,
                snapshot.ConnectomeSize,
                upper,
                snapshot.Weights.IsEmpty ? null : () => LayersOf(snapshot));
            _connectomeSize = upper.Length > 0 ? snapshot.ConnectomeSize : _connectomeSize;
        }

        var distance = values?.GraphDistance;
        var record = new EpochRecord
        {
            Epoch = snapshot.Epoch,
            Losses = new EpochLosses
            {
                Training = snapshot.TrainingLoss,
                Validation = snapshot.ValidationLoss,
                ValidationAccuracy = snapshot.ValidationAccuracy,
                Test = snapshot.TestLoss,
                TestAccuracy = snapshot.TestAccuracy,
            },
            Signals = new EpochSignals
            {
                ConnectomeSize = snapshot.ConnectomeSize,
                Persistence0 = values?.GraphPoint?.TotalPersistence0 ?? 0,
                Persistence1 = values?.GraphPoint?.TotalPersistence1 ?? 0,
                W0 = distance?.W0,
                W1 = distance?.W1,
                Distance = distance?.W,
                DiagramDistance = values?.DiagramDistance,
                NeuralPersistence = values?.NeuralPersistenceMean,
            },
            Seconds = new EpochSeconds
            {
                Train = snapshot.TrainSeconds,
                Probe = snapshot.ProbeSeconds,
                Connectome = snapshot.ConnectomeSeconds,
                Validation = snapshot.ValidationSeconds,
                Decomposition = values?.GraphTime.TotalSeconds ?? 0,
                Diagram = values?.DiagramTime.TotalSeconds ?? 0,
                NeuralPersistence = values?.NeuralPersistenceTime.TotalSeconds ?? 0,
                Test = snapshot.TestSeconds,
            },
        };
        var observation = values?.Observation ?? ObservationOf(record);
        var decision = _criterion.Observe(observation);
        record = record with
        {
            Decision = decision.ShouldStop ? decision.Reason : string.Empty,
            Signals = record.Signals with { SmoothedDistance = decision.SmoothedSignal },
            Seconds = record.Seconds with
            {
                Topology = watch.Elapsed.TotalSeconds,
                MonitoringOnPath = snapshot.MonitoringOnPathSeconds + (snapshot.ObservedOnPath ? watch.Elapsed.TotalSeconds : 0),
            },
        };
        _records.Add(record);
        return (record, decision);
    }

    private static List<NeuralPersistenceLayer> LayersOf(EpochSnapshotMessage snapshot) =>
        [.. snapshot.Weights.Select(w => new NeuralPersistenceLayer(w.Inputs, w.Outputs, MemoryMarshal.Cast<byte, float>(w.Values).ToArray()))];

    /// <summary>What the criterion saw at a recorded epoch: replaying these reproduces its decisions.</summary>
    private static EpochObservation ObservationOf(EpochRecord record) => new(record.Epoch, record.Losses.Training)
    {
        ValidationLoss = record.Losses.Validation,
        GraphDistance = record.Signals.Distance is { } w ? new TopologicalDistance(2, record.Signals.W0 ?? 0, record.Signals.W1 ?? 0, w) : null,
        DiagramDistance = record.Signals.DiagramDistance,
        NeuralPersistence = record.Signals.NeuralPersistence,
    };
}
