using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Globalization;
using Orchestrator.Client.Core.Reports;
using Orchestrator.Contracts;

namespace Orchestrator.Dashboard.Sources;

/// <summary>
/// A finished sweep served read-only from <c>results/&lt;sweep-id&gt;/</c> (<c>sweep.json</c>, <c>trials.csv</c>,
/// <c>epochs.csv</c>). Connectomes come from the sibling checkpoint folder
/// (<c>results/&lt;sweep-id&gt;.checkpoints/&lt;sweep-id&gt;/&lt;trial&gt;/connectome-&lt;epoch&gt;.bin</c>) when it is still there.
/// </summary>
public sealed class ResultsFolderSource : IDashboardSource
{
    private readonly SweepStatus _sweep;
    private readonly Dictionary<string, IReadOnlyList<EpochRecord>> _epochs;
    private readonly string _connectomes;

    private ResultsFolderSource(SweepStatus sweep, Dictionary<string, IReadOnlyList<EpochRecord>> epochs, string connectomes)
    {
        _sweep = sweep;
        _epochs = epochs;
        _connectomes = connectomes;
    }

    public bool Live => false;

    public string ConnectomesKept => Directory.Exists(_connectomes)
        ? $"the connectomes the run left in {_connectomes} (the last K epochs of each trial)"
        : $"none: {_connectomes} is gone, so diagrams and heat maps are unavailable for this folder";

    /// <summary>
    /// Reads <paramref name="directory"/> through Client.Core's <see cref="ResultsFolder"/> (the report's reader: one
    /// parser of a results folder); <see cref="InputException"/> names the file and field when it is not one.
    /// </summary>
    public static ResultsFolderSource Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        var folder = ResultsFolder.Load(full);
        var epochs = folder.Epochs
            .GroupBy(e => e.TrialId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EpochRecord>)[.. g.OrderBy(e => e.Epoch).Select(Epoch)], StringComparer.Ordinal);
        var trials = folder.Trials.Select(t => Trial(t, folder, epochs.GetValueOrDefault(t.Id))).ToImmutableArray();
        var sweep = new SweepStatus
        {
            SweepId = folder.SweepId,
            State = Enum.TryParse<SweepState>(folder.State, out var state) ? state : SweepState.Finished,
            SubmittedAt = folder.SubmittedAt ?? DateTime.MinValue,
            FinishedAt = folder.FinishedAt,
            Trials = trials,
        };
        var connectomes = Path.Combine(Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar))!, folder.SweepId + ".checkpoints", folder.SweepId);
        return new ResultsFolderSource(sweep, epochs, connectomes);
    }

    public Task<IReadOnlyList<SweepStatus>> SweepsAsync(CancellationToken cancel) => Task.FromResult<IReadOnlyList<SweepStatus>>([_sweep]);

    public Task<SweepStatus?> SweepAsync(string sweepId, CancellationToken cancel) => Task.FromResult(sweepId == _sweep.SweepId ? _sweep : null);

    public Task<IReadOnlyList<EpochRecord>> EpochsAsync(TrialSpec trial, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Task.FromResult(_epochs.TryGetValue(trial.Id, out var records) ? records : []);
    }

    public async Task<float[]?> ConnectomeAsync(TrialSpec trial, int epoch, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var path = Path.Combine(_connectomes, trial.Id, $"connectome-{epoch}.bin");
        return File.Exists(path) ? MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(path, cancel)).ToArray() : null;
    }

    private static TrialStatus Trial(TrialResult t, ResultsFolder folder, IReadOnlyList<EpochRecord>? epochs)
    {
        double Number(string name, double absent) =>
            t.Parameters.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : absent;
        var spec = new TrialSpec
        {
            Id = t.Id,
            SweepId = folder.SweepId,
            Dataset = t.Dataset,
            Model = t.Model,
            Fraction = t.Fraction,
            LearningRate = Number("lr", 0),
            Momentum = Number("momentum", 0),
            BatchSize = (int)Number("batch_size", 0),
            WeightDecay = Number("weight_decay", 0),
            Width = Number("width", 1),
            Seed = t.Seed,
            Stopping = StoppingMethodText.Parse(t.Method),
            MaxEpochs = folder.MaxEpochs,
        };
        return new TrialStatus
        {
            Spec = spec,
            State = Enum.TryParse<TrialState>(t.State, out var state) ? state : TrialState.Failed,
            Reason = t.Reason,
            EpochsRun = t.EpochsRun,
            StopEpoch = t.StopEpoch,
            TestAccuracy = t.TestAccuracy,
            TestLoss = t.TestLoss,
            Seconds = t.WallSeconds,
            Restarts = t.Restarts,
            // trials.csv has no latest loss or distance: they are the trial's last recorded epoch's.
            LastLoss = epochs is [.., var last] ? last.Losses.Training : null,
            LastDistance = epochs is [.., var final] ? final.Signals.Distance : null,
        };
    }

    private static EpochRecord Epoch(EpochResult e) => new()
    {
        Epoch = e.Epoch,
        Losses = new EpochLosses
        {
            Training = e.TrainingLoss,
            Validation = e.ValidationLoss,
            ValidationAccuracy = e.ValidationAccuracy,
            TestAccuracy = e.TestAccuracy,
            Test = e.TestLoss,
        },
        Signals = new EpochSignals
        {
            W0 = e.W0,
            W1 = e.W1,
            Distance = e.Distance,
            SmoothedDistance = e.SmoothedDistance,
            Persistence0 = e.Persistence0,
            Persistence1 = e.Persistence1,
            DiagramDistance = e.DiagramDistance,
            NeuralPersistence = e.NeuralPersistence,
        },
        Decision = e.Decision,
    };
}
