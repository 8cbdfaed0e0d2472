using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// Our own meter and activity source (exported by the silo's OpenTelemetry setup).
/// Cardinality rule: per-epoch instruments carry <c>sweep.id</c> and <c>stopping.method</c> (the criterion's
/// name, never its parameters), so a series exists per sweep × method — bounded by the sweeps a cluster runs,
/// not by epochs or trials. Never an epoch number as an attribute; <c>trial.id</c> only when
/// <see cref="OrchestratorOptions.PerTrialMetrics"/> is on (a series per trial: for small sweeps and debugging).
/// </summary>
public sealed class OrchestratorMetrics : IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Orchestrator";

    /// <summary>Traces: sweep → trial → epoch → phases.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly bool _perTrial;
    private readonly Counter<long> _epochs;
    private readonly Histogram<double> _epochSeconds;
    private readonly Histogram<double> _distance;
    private readonly Histogram<double> _trainingLoss;
    private readonly Histogram<double> _validationLoss;
    private readonly Counter<long> _epochsSaved;
    private readonly Counter<long> _trialsEnded;
    private readonly UpDownCounter<long> _activeTrials;
    private readonly UpDownCounter<long> _pendingTrials;

    /// <summary>Creates the instruments.</summary>
    public OrchestratorMetrics(IMeterFactory? meterFactory = null, IOptions<OrchestratorOptions>? options = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _perTrial = options?.Value.PerTrialMetrics ?? false;
        _epochs = _meter.CreateCounter<long>("orchestrator.epochs.completed", "{epoch}", "Epochs completed, by sweep and stopping method.");
        _epochSeconds = _meter.CreateHistogram<double>("orchestrator.epoch.duration", "s", "Epoch wall time by phase (train, probe, connectome, validation, topology).");
        _distance = _meter.CreateHistogram<double>("orchestrator.topology.distance", "1", "Topological distance between consecutive epochs, by sweep and stopping method.");
        _trainingLoss = _meter.CreateHistogram<double>("orchestrator.loss.training", "1", "Mean training loss of each epoch, by sweep and stopping method.");
        _validationLoss = _meter.CreateHistogram<double>("orchestrator.loss.validation", "1", "Validation loss of each epoch where a trial holds out a split.");
        _epochsSaved = _meter.CreateCounter<long>("orchestrator.epochs.saved", "{epoch}", "Epochs not trained because a criterion stopped a trial early (max epochs − stop epoch).");
        _trialsEnded = _meter.CreateCounter<long>("orchestrator.trials.ended", "{trial}", "Trials that ended, by sweep, stopping method and final state.");
        _activeTrials = _meter.CreateUpDownCounter<long>("orchestrator.trials.active", "{trial}", "Trials running now.");
        _pendingTrials = _meter.CreateUpDownCounter<long>("orchestrator.trials.pending", "{trial}", "Trials waiting for a slot.");
    }

    /// <summary>Records one epoch of <paramref name="spec"/> as the topology grain saw it.</summary>
    public void RecordEpoch(TrialSpec spec, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(record);
        var tags = Tags(spec);
        _epochs.Add(1, tags);
        Phase(tags, "train", record.Seconds.Train);
        Phase(tags, "probe", record.Seconds.Probe);
        Phase(tags, "connectome", record.Seconds.Connectome);
        Phase(tags, "validation", record.Seconds.Validation);
        Phase(tags, "topology", record.Seconds.Topology);
        if (record.Signals.Distance is { } distance && double.IsFinite(distance))
        {
            _distance.Record(distance, tags);
        }

        if (double.IsFinite(record.Losses.Training))
        {
            _trainingLoss.Record(record.Losses.Training, tags);
        }

        if (record.Losses.Validation is { } validation && double.IsFinite(validation))
        {
            _validationLoss.Record(validation, tags);
        }
    }

    /// <summary>A criterion stopped <paramref name="spec"/> after <paramref name="stopEpoch"/>.</summary>
    public void StoppedEarly(TrialSpec spec, int stopEpoch)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.MaxEpochs > stopEpoch)
        {
            _epochsSaved.Add(spec.MaxEpochs - stopEpoch, Tags(spec));
        }
    }

    /// <summary>A trial of <paramref name="spec"/> ended in <paramref name="state"/> (by sweep, method and state: trials by state per sweep × method).</summary>
    public void TrialEnded(TrialSpec spec, TrialState state)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tags = Tags(spec);
        tags.Add("state", state.ToString());
        _trialsEnded.Add(1, tags);
    }

    /// <summary>Changes the number of running trials.</summary>
    public void ActiveTrials(long delta) => _activeTrials.Add(delta);

    /// <summary>Changes the number of pending trials.</summary>
    public void PendingTrials(long delta) => _pendingTrials.Add(delta);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private TagList Tags(TrialSpec spec)
    {
        var tags = new TagList { { "sweep.id", spec.SweepId }, { "stopping.method", spec.Stopping.Name } };
        if (_perTrial)
        {
            tags.Add("trial.id", spec.Id);
        }

        return tags;
    }

    private void Phase(TagList tags, string phase, double seconds)
    {
        var withPhase = tags;
        withPhase.Add("phase", phase);
        _epochSeconds.Record(seconds, withPhase);
    }
}
