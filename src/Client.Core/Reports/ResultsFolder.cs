using System.Text.Json;

namespace Orchestrator.Client.Core.Reports;

/// <summary>One trial's row of <c>trials.csv</c>.</summary>
internal sealed record TrialResult(
    string Id,
    string Dataset,
    double Fraction,
    string Model,
    string Configuration,
    string Method,
    int Seed,
    string State,
    int? StopEpoch,
    double? TestAccuracy,
    int EpochsRun,
    int? TrainingSamples,
    int? HoldOutSamples)
{
    /// <summary>The trial's configuration as trials.csv wrote it, keyed by <see cref="ConfigurationParameters.Names"/>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The trial's number in its search (<c>search_trial</c>); null for a grid trial and for a refit.</summary>
    public int? SearchNumber { get; init; }

    /// <summary>The refit of a search's best configuration (<c>search_trial</c> is <c>refit</c>): not one of the search's trials.</summary>
    public bool IsRefit { get; init; }

    /// <summary>
    /// What the sampler drew, keyed by trials.csv column (<see cref="SampledParameter.Column"/>); a parameter that
    /// was inactive for this trial (its cell is empty) is absent.
    /// </summary>
    public IReadOnlyDictionary<string, string> Sampled { get; init; } = new Dictionary<string, string>();

    /// <summary>The criterion's name without parameters ("top" for "top(window=3)").</summary>
    public string BaseMethod => Method.Split('(')[0];

    /// <summary>Labelled images the trial consumed (trained on plus held out), when its results recorded them.</summary>
    public int? LabelledSamples => TrainingSamples + HoldOutSamples;

    /// <summary>Why the trial ended as it did (the <c>reason</c> column; empty when absent).</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Loss on the test set after the trial, when recorded.</summary>
    public double? TestLoss { get; init; }

    /// <summary>Wall time of the trial in seconds (0 when not recorded).</summary>
    public double WallSeconds { get; init; }

    /// <summary>Times the trial was restarted after its silo died.</summary>
    public int Restarts { get; init; }
}

/// <summary>
/// One epoch's row of <c>epochs.csv</c>; seconds keyed by column name (<c>train_s</c>, <c>probe_s</c>, …).
/// <c>SmoothedDistance</c> is the smoothed signal the trial's criterion compared: the graph distance for TOP,
/// the diagram distance for FP.
/// </summary>
internal sealed record EpochResult(
    string TrialId,
    int Epoch,
    double TrainingLoss,
    double? Distance,
    double? SmoothedDistance,
    double? DiagramDistance,
    double? TestAccuracy,
    IReadOnlyDictionary<string, double> Seconds,
    string Decision)
{
    /// <summary>Validation loss, where the trial held out a split.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Validation accuracy, where the trial held out a split.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>Per-epoch test loss, where the sweep recorded it.</summary>
    public double? TestLoss { get; init; }

    /// <summary>Wasserstein distance of the birth sets to the previous epoch.</summary>
    public double? W0 { get; init; }

    /// <summary>Wasserstein distance of the death sets to the previous epoch.</summary>
    public double? W1 { get; init; }

    /// <summary>Total persistence of the births (0 when not recorded).</summary>
    public double Persistence0 { get; init; }

    /// <summary>Total persistence of the deaths (0 when not recorded).</summary>
    public double Persistence1 { get; init; }

    /// <summary>Mean normalised neural persistence (NP trials).</summary>
    public double? NeuralPersistence { get; init; }
}

/// <summary>What the report reads from <c>results/&lt;sweep-id&gt;/</c>.</summary>
internal sealed record ResultsFolder(
    string Directory,
    string SweepId,
    int MaxEpochs,
    double ValidationFraction,
    bool Partial,
    IReadOnlyList<TrialResult> Trials,
    IReadOnlyList<EpochResult> Epochs)
{
    /// <summary>The configuration parameters that vary between trials (<see cref="ConfigurationParameters.Varying"/>).</summary>
    public IReadOnlyList<string> Varying { get; init; } = [];

    /// <summary>Trials the sweep ran at once, when sweep.json says (per-epoch times of concurrent trials share the CPU).</summary>
    public int? Concurrency { get; init; }

    /// <summary>"running" or "cancelled" for partial results, as status.json says; null when unknown or complete.</summary>
    public string? PartialReason { get; init; }

    /// <summary>The sweep's state when the results were written ("Finished", "Running", …), when the folder says.</summary>
    public string? State { get; init; }

    /// <summary>When the sweep was submitted, when the folder says.</summary>
    public DateTime? SubmittedAt { get; init; }

    /// <summary>When the sweep finished, when it had.</summary>
    public DateTime? FinishedAt { get; init; }
    /// <summary><c>search_trial</c> of the refit of a search's best configuration.</summary>
    public const string RefitTrial = "refit";

    private const string Regenerate = "run the sweep with `./orchestrator local run SWEEP.json` (or `sweep submit --watch`), which writes sweep.json, trials.csv and epochs.csv";

    public bool HasTestAccuracyCurves => Epochs.Any(e => e.TestAccuracy is not null);

    public IReadOnlyList<EpochResult> EpochsOf(string trialId) => Epochs.Where(e => e.TrialId == trialId).OrderBy(e => e.Epoch).ToList();

    public static ResultsFolder Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InputException($"results folder '{directory}' does not exist; {Regenerate}");
        }

        var sweep = ReadSweep(Path.Combine(directory, "sweep.json"));
        // Where the sweep stood: status.json, or the top of sweep.json in folders written before status.json.
        var status = ReadStatus(Path.Combine(directory, "status.json")) ?? ReadStatus(Path.Combine(directory, "sweep.json"));
        var trials = ReadTrials(Path.Combine(directory, "trials.csv"));
        var epochs = ReadEpochs(Path.Combine(directory, "epochs.csv"));
        if (trials.Count == 0)
        {
            throw new InputException($"{Path.Combine(directory, "trials.csv")} has no trials; {Regenerate}");
        }

        var varying = ConfigurationParameters.Varying(trials.Select(t => t.Parameters));
        trials = [.. trials.Select(t => t with { Configuration = ConfigurationParameters.Describe(t.Parameters, varying) })];
        var sweepId = status?.SweepId ?? sweep.SweepId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        return new ResultsFolder(directory, sweepId, sweep.MaxEpochs, sweep.ValidationFraction, status?.Partial ?? sweep.Partial, trials, epochs)
        {
            Varying = varying,
            Concurrency = sweep.Concurrency,
            PartialReason = status?.PartialReason,
            State = status?.State,
            SubmittedAt = status?.SubmittedAt,
            FinishedAt = status?.FinishedAt,
        };
    }

    /// <summary>status.json, written beside sweep.json since sweep.json became the sweep file itself; null in older folders.</summary>
    private static (string? SweepId, bool Partial, string? PartialReason, string? State, DateTime? SubmittedAt, DateTime? FinishedAt)? ReadStatus(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sweepId", out var id))
            {
                return null; // a sweep file (sweep.json of a newer folder): no status in it
            }

            return (
                id.GetString(),
                root.TryGetProperty("partial", out var p) && p.ValueKind == JsonValueKind.True,
                root.TryGetProperty("partialReason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
                root.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString() : null,
                root.TryGetProperty("submittedAt", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTime(out var submitted) ? submitted : null,
                root.TryGetProperty("finishedAt", out var f) && f.ValueKind == JsonValueKind.String && f.TryGetDateTime(out var finished) ? finished : null);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path} is not valid JSON ({ex.Message}); {Regenerate}");
        }
    }

    /// <summary>
    /// sweep.json is the sweep file (field names as in a sweep file); folders written before that hold it under
    /// <c>definition</c>, next to the status fields, and are read as well.
    /// </summary>
    private static (string? SweepId, int MaxEpochs, double ValidationFraction, bool Partial, int? Concurrency) ReadSweep(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path} is missing; {Regenerate}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var legacy = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("definition", out _);
            var sweepId = legacy ? Property(root, "sweepId", path).GetString() : null;
            var definition = legacy ? Property(root, "definition", path) : root;
            var prefix = legacy ? "definition." : string.Empty;
            if (definition.ValueKind != JsonValueKind.Object)
            {
                throw new InputException($"{path}: must be the sweep file (an object); {Regenerate}");
            }

            var maxEpochs = Property(definition, "maxEpochs", path, prefix).GetInt32();
            var validationFraction = Property(definition, "validationFraction", path, prefix).GetDouble();
            var partial = root.TryGetProperty("partial", out var p) && p.ValueKind == JsonValueKind.True;
            int? concurrency = definition.TryGetProperty("concurrency", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            return (sweepId, maxEpochs, validationFraction, partial, concurrency);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path} is not valid JSON ({ex.Message}); {Regenerate}");
        }
        catch (InvalidOperationException ex)
        {
            throw new InputException($"{path}: a field has the wrong type ({ex.Message}); {Regenerate}");
        }
    }

    private static JsonElement Property(JsonElement parent, string name, string path, string prefix = "") =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value
            : throw new InputException($"{path}: missing field '{prefix}{name}'; {Regenerate}");

    private static List<TrialResult> ReadTrials(string path)
    {
        var csv = CsvTable.Read(path, Regenerate);
        csv.Require("trial_id", "dataset", "fraction", "model", "stopping", "seed", "state", "stop_epoch", "test_accuracy", "epochs_run");
        var trials = new List<TrialResult>();
        var sampled = csv.Columns.Where(c => c.StartsWith(SampledParameters.Prefix, StringComparison.Ordinal)).ToList();
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var row = csv.Rows[i];
            var parameters = ConfigurationParameters.Names.Where(csv.Has).ToDictionary(c => c, c => csv.Text(row, c), StringComparer.Ordinal);
            trials.Add(new TrialResult(
                csv.Text(row, "trial_id"),
                csv.Text(row, "dataset"),
                csv.RequiredNumber(row, "fraction", i),
                csv.Text(row, "model"),
                string.Empty,
                csv.Text(row, "stopping"),
                (int)csv.RequiredNumber(row, "seed", i),
                csv.Text(row, "state"),
                csv.Number(row, "stop_epoch", i) is { } stop ? (int)stop : null,
                csv.Number(row, "test_accuracy", i),
                (int)csv.RequiredNumber(row, "epochs_run", i),
                RecordedCount(csv, row, "training_samples", i),
                RecordedCount(csv, row, "holdout_samples", i))
            {
                Parameters = parameters,
                Reason = csv.Has("reason") ? csv.Text(row, "reason") : string.Empty,
                TestLoss = csv.Has("test_loss") ? csv.Number(row, "test_loss", i) : null,
                WallSeconds = csv.Has("seconds") ? csv.Number(row, "seconds", i) ?? 0 : 0,
                Restarts = RecordedCount(csv, row, "restarts", i) ?? 0,
                SearchNumber = int.TryParse(csv.Text(row, "search_trial"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null,
                IsRefit = csv.Text(row, "search_trial") == RefitTrial,
                Sampled = sampled.Where(c => csv.Text(row, c).Length > 0).ToDictionary(c => c, c => csv.Text(row, c), StringComparer.Ordinal),
            });
        }

        return trials;
    }

    /// <summary>
    /// A per-trial count written by the results writer; null when the folder predates the column or the trial
    /// never loaded its data (the report then says "not recorded" rather than guess).
    /// </summary>
    private static int? RecordedCount(CsvTable csv, string[] row, string column, int rowIndex) =>
        csv.Has(column) && csv.Number(row, column, rowIndex) is { } value ? (int)value : null;

    /// <summary>A column older folders may lack: null there, as for an empty cell.</summary>
    private static double? Optional(CsvTable csv, string[] row, string column, int rowIndex) =>
        csv.Has(column) ? csv.Number(row, column, rowIndex) : null;

    private static List<EpochResult> ReadEpochs(string path)
    {
        var csv = CsvTable.Read(path, Regenerate);
        csv.Require("trial_id", "epoch", "train_loss", "distance", "smoothed_distance", "train_s", "probe_s", "connectome_s", "validation_s", "topology_s", "decision");
        var secondsColumns = csv.Columns.Where(c => c.EndsWith("_s", StringComparison.Ordinal)).ToList();
        var epochs = new List<EpochResult>();
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            var row = csv.Rows[i];
            var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var column in secondsColumns.Where(csv.Has))
            {
                seconds[column] = csv.Number(row, column, i) ?? 0;
            }

            epochs.Add(new EpochResult(
                csv.Text(row, "trial_id"),
                (int)csv.RequiredNumber(row, "epoch", i),
                csv.RequiredNumber(row, "train_loss", i),
                csv.Number(row, "distance", i),
                csv.Number(row, "smoothed_distance", i),
                csv.Has("diagram_distance") ? csv.Number(row, "diagram_distance", i) : null,
                csv.Has("test_accuracy") ? csv.Number(row, "test_accuracy", i) : null,
                seconds,
                csv.Text(row, "decision"))
            {
                ValidationLoss = Optional(csv, row, "val_loss", i),
                ValidationAccuracy = Optional(csv, row, "val_accuracy", i),
                TestLoss = Optional(csv, row, "test_loss", i),
                W0 = Optional(csv, row, "w0", i),
                W1 = Optional(csv, row, "w1", i),
                Persistence0 = Optional(csv, row, "persistence0", i) ?? 0,
                Persistence1 = Optional(csv, row, "persistence1", i) ?? 0,
                NeuralPersistence = Optional(csv, row, "neural_persistence", i),
            });
        }

        return epochs;
    }
}
