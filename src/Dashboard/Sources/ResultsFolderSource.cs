using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
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

    private const string NotAResultsFolder = "serve a folder written by `./orchestrator local run` (it holds sweep.json, trials.csv and epochs.csv)";

    /// <summary>Reads <paramref name="directory"/>; <see cref="InputException"/> names the file and field when it is not a results folder.</summary>
    public static ResultsFolderSource Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new InputException($"results folder '{directory}' does not exist; pass a folder written by `./orchestrator local run`, e.g. results/quickstart");
        }

        // Newer folders: status.json holds where the sweep stood and sweep.json is the sweep file itself;
        // older ones kept both in sweep.json (status fields at the top, the file under "definition").
        var statusPath = Path.Combine(full, "status.json");
        var (sweepId, state, submitted, finished, maxEpochs) = ReadSweepJson(File.Exists(statusPath) ? statusPath : Path.Combine(full, "sweep.json"));
        if (File.Exists(statusPath))
        {
            maxEpochs = ReadMaxEpochs(Path.Combine(full, "sweep.json"));
        }
        var trials = ReadTrials(Path.Combine(full, "trials.csv"), sweepId, maxEpochs);
        var epochs = ReadEpochs(Path.Combine(full, "epochs.csv"));
        // trials.csv has no latest loss or distance: take them from each trial's last recorded epoch.
        trials = [.. trials.Select(t => epochs.TryGetValue(t.Spec.Id, out var series) && series.Count > 0
            ? t with { LastLoss = series[^1].Losses.Training, LastDistance = series[^1].Signals.Distance }
            : t)];
        var sweep = new SweepStatus { SweepId = sweepId, State = state, SubmittedAt = submitted, FinishedAt = finished, Trials = trials };
        var connectomes = Path.Combine(Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar))!, sweepId + ".checkpoints", sweepId);
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

    private static (string Id, SweepState State, DateTime Submitted, DateTime? Finished, int MaxEpochs) ReadSweepJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path} is missing; {NotAResultsFolder}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var id = root.TryGetProperty("sweepId", out var i) && i.GetString() is { Length: > 0 } text
                ? text
                : throw new InputException($"{path}: field 'sweepId' is missing or empty; re-run the sweep to rewrite it");
            var state = root.TryGetProperty("state", out var s) && Enum.TryParse<SweepState>(s.GetString(), out var parsed) ? parsed : SweepState.Finished;
            var submitted = root.TryGetProperty("submittedAt", out var at) && at.TryGetDateTime(out var when) ? when : DateTime.MinValue;
            DateTime? finished = root.TryGetProperty("finishedAt", out var f) && f.ValueKind == JsonValueKind.String && f.TryGetDateTime(out var end) ? end : null;
            var maxEpochs = root.TryGetProperty("definition", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("maxEpochs", out var m) ? m.GetInt32() : 0;
            return (id, state, submitted, finished, maxEpochs);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path} is not valid JSON ({ex.Message}); re-run the sweep to rewrite it");
        }
    }

    /// <summary>The sweep file's <c>maxEpochs</c> (0 when the file does not say).</summary>
    private static int ReadMaxEpochs(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("maxEpochs", out var m) && m.TryGetInt32(out var epochs) ? epochs : 0;
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path} is not valid JSON ({ex.Message}); re-run the sweep to rewrite it");
        }
    }

    private static ImmutableArray<TrialStatus> ReadTrials(string path, string sweepId, int maxEpochs)
    {
        var csv = CsvTable.Read(path, NotAResultsFolder);
        csv.Require("trial_id", "dataset", "fraction", "model", "stopping", "seed", "state", "epochs_run");
        var trials = ImmutableArray.CreateBuilder<TrialStatus>();
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var row = csv.Rows[i];
            var spec = new TrialSpec
            {
                Id = csv.Text(row, "trial_id"),
                SweepId = sweepId,
                Dataset = csv.Text(row, "dataset"),
                Model = csv.Text(row, "model"),
                Fraction = csv.Number(row, "fraction", i) ?? 0,
                LearningRate = csv.Number(row, "lr", i) ?? 0,
                Momentum = csv.Number(row, "momentum", i) ?? 0,
                BatchSize = csv.Integer(row, "batch_size", i) ?? 0,
                WeightDecay = csv.Number(row, "weight_decay", i) ?? 0,
                Width = csv.Number(row, "width", i) ?? 1,
                Seed = csv.Integer(row, "seed", i) ?? 0,
                Stopping = StoppingMethodText.Parse(csv.Text(row, "stopping")),
                MaxEpochs = maxEpochs,
            };
            trials.Add(new TrialStatus
            {
                Spec = spec,
                State = Enum.TryParse<TrialState>(csv.Text(row, "state"), out var state) ? state : TrialState.Failed,
                Reason = csv.Text(row, "reason"),
                EpochsRun = csv.Integer(row, "epochs_run", i) ?? 0,
                StopEpoch = csv.Integer(row, "stop_epoch", i),
                TestAccuracy = csv.Number(row, "test_accuracy", i),
                TestLoss = csv.Number(row, "test_loss", i),
                Seconds = csv.Number(row, "seconds", i) ?? 0,
                Restarts = csv.Integer(row, "restarts", i) ?? 0,
            });
        }

        return trials.ToImmutable();
    }

    private static Dictionary<string, IReadOnlyList<EpochRecord>> ReadEpochs(string path)
    {
        var csv = CsvTable.Read(path, NotAResultsFolder);
        csv.Require("trial_id", "epoch", "train_loss");
        return csv.Rows
            .Select((row, i) => (Row: row, Index: i))
            .GroupBy(r => csv.Text(r.Row, "trial_id"), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<EpochRecord>)[.. g.Select(r => Epoch(csv, r.Row, r.Index)).OrderBy(r => r.Epoch)],
                StringComparer.Ordinal);
    }

    private static EpochRecord Epoch(CsvTable csv, string[] row, int i) => new()
    {
        Epoch = csv.Integer(row, "epoch", i) ?? 0,
        Losses = new EpochLosses
        {
            Training = csv.Number(row, "train_loss", i) ?? double.NaN,
            Validation = csv.Number(row, "val_loss", i),
            ValidationAccuracy = csv.Number(row, "val_accuracy", i),
            TestAccuracy = csv.Number(row, "test_accuracy", i),
            Test = csv.Number(row, "test_loss", i),
        },
        Signals = new EpochSignals
        {
            W0 = csv.Number(row, "w0", i),
            W1 = csv.Number(row, "w1", i),
            Distance = csv.Number(row, "distance", i),
            SmoothedDistance = csv.Number(row, "smoothed_distance", i),
            Persistence0 = csv.Number(row, "persistence0", i) ?? 0,
            Persistence1 = csv.Number(row, "persistence1", i) ?? 0,
            DiagramDistance = csv.Number(row, "diagram_distance", i),
            NeuralPersistence = csv.Number(row, "neural_persistence", i),
        },
        Decision = csv.Text(row, "decision"),
    };
}
