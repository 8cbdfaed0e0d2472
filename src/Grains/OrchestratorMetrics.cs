using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>Our own meter and activity source (exported by the silo's OpenTelemetry setup).</summary>
public sealed class OrchestratorMetrics : IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Orchestrator";

    /// <summary>Traces: sweep → trial → epoch.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _epochs;
    private readonly Histogram<double> _epochSeconds;
    private readonly Histogram<double> _distance;
    private readonly Counter<long> _trialsEnded;
    private readonly UpDownCounter<long> _activeTrials;
    private readonly UpDownCounter<long> _pendingTrials;

    /// <summary>Creates the instruments.</summary>
    public OrchestratorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _epochs = _meter.CreateCounter<long>("orchestrator.epochs.completed", "{epoch}", "Epochs completed by all trials.");
        _epochSeconds = _meter.CreateHistogram<double>("orchestrator.epoch.duration", "s", "Epoch wall time by phase (train, probe, connectome, validation, topology).");
        _distance = _meter.CreateHistogram<double>("orchestrator.topology.distance", "1", "Topological distance between consecutive epochs.");
        _trialsEnded = _meter.CreateCounter<long>("orchestrator.trials.ended", "{trial}", "Trials that ended, by final state.");
        _activeTrials = _meter.CreateUpDownCounter<long>("orchestrator.trials.active", "{trial}", "Trials running now.");
        _pendingTrials = _meter.CreateUpDownCounter<long>("orchestrator.trials.pending", "{trial}", "Trials waiting for a slot.");
    }

    /// <summary>Records one epoch as the topology grain saw it.</summary>
    public void RecordEpoch(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _epochs.Add(1);
        _epochSeconds.Record(record.Seconds.Train, new KeyValuePair<string, object?>("phase", "train"));
        _epochSeconds.Record(record.Seconds.Probe, new KeyValuePair<string, object?>("phase", "probe"));
        _epochSeconds.Record(record.Seconds.Connectome, new KeyValuePair<string, object?>("phase", "connectome"));
        _epochSeconds.Record(record.Seconds.Validation, new KeyValuePair<string, object?>("phase", "validation"));
        _epochSeconds.Record(record.Seconds.Topology, new KeyValuePair<string, object?>("phase", "topology"));
        if (record.Signals.Distance is { } distance && double.IsFinite(distance))
        {
            _distance.Record(distance);
        }
    }

    /// <summary>A trial ended in <paramref name="state"/>.</summary>
    public void TrialEnded(TrialState state) => _trialsEnded.Add(1, new KeyValuePair<string, object?>("state", state.ToString()));

    /// <summary>Changes the number of running trials.</summary>
    public void ActiveTrials(long delta) => _activeTrials.Add(delta);

    /// <summary>Changes the number of pending trials.</summary>
    public void PendingTrials(long delta) => _pendingTrials.Add(delta);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
