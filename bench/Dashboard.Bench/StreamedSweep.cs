using System.Collections.Concurrent;
using System.Collections.Immutable;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Live;
using Orchestrator.Dashboard.Sources;
using Orchestrator.Topology;

namespace Dashboard.Bench;

/// <summary>
/// A running sweep in memory, as the dashboard's cluster source would see it, whose epochs are published one by one
/// through the production sink (<see cref="LiveSweepProgress"/>, what the sweep monitor calls): the API answers
/// what has been published so far, so a page filling a gap gets what a cluster would give it.
/// </summary>
internal sealed class StreamedSweep : IDashboardSource
{
    private readonly ConcurrentDictionary<string, List<EpochRecord>> _published = new(StringComparer.Ordinal);
    private readonly LiveSweepProgress _progress;
    private readonly Lock _lock = new();
    private SweepStatus _status;

    private StreamedSweep(string sweepId, SweepStatus status, IReadOnlyList<IReadOnlyList<EpochRecord>> series, LiveEvents events)
    {
        SweepId = sweepId;
        _status = status;
        Series = series;
        Events = events;
        _progress = new LiveSweepProgress(sweepId, events);
        foreach (var trial in status.Trials)
        {
            _published[trial.Spec.Id] = [];
        }
    }

    public string SweepId { get; }

    public LiveEvents Events { get; }

    /// <summary>Every trial's epochs, to be published.</summary>
    public IReadOnlyList<IReadOnlyList<EpochRecord>> Series { get; }

    public IReadOnlyList<string> TrialIds => [.. _status.Trials.Select(t => t.Spec.Id)];

    public bool Live => true;

    public string ConnectomesKept => "none (bench)";

    /// <summary>
    /// <paramref name="trials"/> running trials of <paramref name="epochs"/> epochs each. Each epoch's signals are
    /// the real Wasserstein distances between functional connectomes (n = 24) of activations that drift less and
    /// less, so the curves settle as a real sweep's do; losses fall as 2/epoch.
    /// </summary>
    public static StreamedSweep Generate(string sweepId, int trials, int epochs)
    {
        var statuses = ImmutableArray.CreateBuilder<TrialStatus>();
        var series = new List<IReadOnlyList<EpochRecord>>();
        for (var t = 0; t < trials; t++)
        {
            var spec = new TrialSpec
            {
                Id = $"t{t:D3}", SweepId = sweepId, Dataset = "synthetic", Model = "mlp-small", LearningRate = 0.01 * (1 + (t % 5)),
                Momentum = 0.9, BatchSize = 50, Seed = t, MaxEpochs = epochs, Stopping = new StoppingMethod { Name = "top" },
            };
            statuses.Add(new TrialStatus { Spec = spec, State = TrialState.Running });
            series.Add(SeriesOf(spec, epochs));
        }

        var status = new SweepStatus { SweepId = sweepId, State = SweepState.Running, Trials = statuses.ToImmutable(), SubmittedAt = DateTime.UtcNow };
        return new StreamedSweep(sweepId, status, series, new LiveEvents());
    }

    /// <summary>Publishes epoch <paramref name="epoch"/> of every trial, then the trials' changed statuses (as the monitor does).</summary>
    public void PublishRound(int epoch)
    {
        SweepStatus status;
        lock (_lock)
        {
            var trials = _status.Trials.Select((trial, i) =>
            {
                var record = Series[i][epoch - 1];
                _published[trial.Spec.Id].Add(record);
                _progress.OnEpoch(trial.Spec.Id, record);
                return trial with { EpochsRun = epoch, LastLoss = record.Losses.Training, LastDistance = record.Signals.Distance };
            }).ToImmutableArray();
            _status = _status with { Trials = trials };
            status = _status;
        }

        _progress.OnStatus(status);
    }

    public Task<IReadOnlyList<SweepStatus>> SweepsAsync(CancellationToken cancel) => Task.FromResult<IReadOnlyList<SweepStatus>>([Snapshot()]);

    public Task<SweepStatus?> SweepAsync(string sweepId, CancellationToken cancel) => Task.FromResult(sweepId == SweepId ? Snapshot() : null);

    public Task<IReadOnlyList<EpochRecord>> EpochsAsync(TrialSpec trial, CancellationToken cancel)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<EpochRecord>>([.. _published[trial.Id]]);
        }
    }

    public Task<float[]?> ConnectomeAsync(TrialSpec trial, int epoch, CancellationToken cancel) => Task.FromResult<float[]?>(null);

    private SweepStatus Snapshot()
    {
        lock (_lock)
        {
            return _status;
        }
    }

    private static List<EpochRecord> SeriesOf(TrialSpec spec, int epochs)
    {
        const int samples = 64, neurons = 24;
        var random = new Random(spec.Seed + 1);
        var basis = Enumerable.Range(0, samples * neurons).Select(_ => (float)random.NextDouble()).ToArray();
        var series = new List<EpochRecord>();
        BirthDeathDecomposition? previous = null;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var drift = 1.0 / epoch;
            var activations = basis.Select((v, i) => v + (float)(drift * random.NextDouble())).ToArray();
            var decomposition = BirthDeathDecomposition.OfUpperTriangle(FunctionalConnectome.Compute(activations, samples, neurons).ToUpperTriangle());
            var distance = previous is null ? null : WassersteinDistance.Between(previous, decomposition);
            previous = decomposition;
            series.Add(new EpochRecord
            {
                Epoch = epoch,
                Losses = new EpochLosses { Training = 2.0 / epoch },
                Signals = new EpochSignals
                {
                    ConnectomeSize = neurons, Persistence0 = decomposition.TotalPersistence0, Persistence1 = decomposition.TotalPersistence1,
                    W0 = distance?.W0, W1 = distance?.W1, Distance = distance?.W,
                },
            });
        }

        return series;
    }
}
