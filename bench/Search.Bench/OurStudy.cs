using System.Globalization;
using System.Text.Json;
using Orchestrator.Client.Core.Reports;

namespace Orchestrator.Search.Bench;

/// <summary>
/// Ours, through the real product: a sweep file with the same space, run by the built CLI's <c>local run</c> (one
/// embedded silo, the trials in the worker process), read back from the results folder's <c>best.json</c> and
/// <c>trials.csv</c>.
/// </summary>
internal static class OurStudy
{
    public static StudyResult Run(StudyConfiguration configuration, BenchOptions options, string work, int seed, bool refit, (int Train, int HoldOut) split)
    {
        var name = $"bench-search-{configuration.Scheduler}-{configuration.Stopping}{(refit ? "-refit" : string.Empty)}-s{seed}";
        var sweep = Path.Combine(work, name + ".json");
        File.WriteAllText(sweep, SweepFile(configuration, options, name, seed, refit));
        var results = Path.Combine(work, "results");
        var (_, seconds) = ChildProcess.Run(
            "dotnet",
            [options.Cli, "local", "run", sweep, "--results", results],
            new Dictionary<string, string> { ["ORCHESTRATOR_SILO_PATH"] = options.Worker, ["ORCHESTRATOR_TORCH_THREADS"] = I(options.Threads) });
        var folder = Path.Combine(results, name);
        using var best = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "best.json")));
        var root = best.RootElement;
        var trials = CsvTable.Read(Path.Combine(folder, "trials.csv"), "rerun the benchmark");
        trials.Require("search_trial", "state", "epochs_run", "training_samples", "holdout_samples");
        var searched = trials.Rows.Where(r => trials.Text(r, "search_trial") is { Length: > 0 } n && n != RefitTrial).ToList();
        foreach (var row in searched)
        {
            // The same-data claim, checked on what the product reports: every search trial trained on the split the Python side got.
            var (train, held) = (trials.Text(row, "training_samples"), trials.Text(row, "holdout_samples"));
            if (train != I(split.Train) || held != I(split.HoldOut))
            {
                throw new InvalidOperationException($"{name}: a trial trained on {train} images with {held} held out, the Python side on {split.Train} and {split.HoldOut}");
            }
        }

        var searchEpochs = searched.Sum(r => int.Parse(trials.Text(r, "epochs_run"), CultureInfo.InvariantCulture));
        var epochs = root.GetProperty("epochsTotal").GetInt32();
        var states = searched.GroupBy(r => trials.Text(r, "state").ToLowerInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var refitResult = root.TryGetProperty("refit", out var r) && r.ValueKind == JsonValueKind.Object ? r : (JsonElement?)null;
        return new StudyResult(
            configuration.Name + (refit ? ResultTable.RefitSuffix : string.Empty), seed, epochs, epochs - searchEpochs, seconds,
            Number(root, "objective"), Number(root, "testAccuracy"),
            refitResult is { } f ? Number(f, "testAccuracy") : null,
            refitResult is { } g && g.TryGetProperty("stopEpoch", out var stop) && stop.ValueKind == JsonValueKind.Number ? stop.GetInt32() : null,
            string.Join(", ", states), Chosen(root, trials));
    }

    /// <summary>The issue's space and budget as a sweep file; every setting not named keeps the product's default.</summary>
    private static string SweepFile(StudyConfiguration configuration, BenchOptions options, string name, int seed, bool refit)
    {
        var scheduler = configuration.Scheduler == "none" ? string.Empty : $"\"scheduler\": {{\"type\": \"{configuration.Scheduler}\"}},";
        var refitBlock = refit ? "\"refit\": {\"stopping\": {\"method\": \"top\"}}," : string.Empty;
        return $$"""
            {
              "name": "{{name}}",
              "dataset": "{{SharedSplit.Dataset}}", "fractions": [{{SharedSplit.Fraction.ToString(CultureInfo.InvariantCulture)}}], "model": "{{SharedSplit.Model}}",
              "space": {
                "lr": {"loguniform": [0.001, 0.3]},
                "momentum": {"uniform": [0.5, 0.99]},
                "batchSize": {"choice": [32, 50, 128]}
              },
              "search": {"sampler": "tpe", "trials": {{I(options.Trials)}}, "seed": {{I(seed)}}},
              "objective": {"metric": "validation_accuracy", "mode": "max"},
              {{scheduler}}
              {{refitBlock}}
              "stopping": ["{{configuration.Stopping}}"],
              "maxEpochs": {{I(options.MaxEpochs)}}, "validationFraction": {{SharedSplit.HoldOut.ToString(CultureInfo.InvariantCulture)}},
              "probeSize": 1000, "concurrency": 1, "checkpointEvery": {{I(options.MaxEpochs)}}
            }
            """;
    }

    private static string Chosen(JsonElement root, CsvTable trials)
    {
        if (root.GetProperty("params") is not { ValueKind: JsonValueKind.Object } p)
        {
            return "none";
        }

        var trial = root.GetProperty("trial").GetString();
        var number = trials.Rows.Where(r => trials.Text(r, "trial_id") == trial).Select(r => trials.Text(r, "search_trial")).FirstOrDefault() ?? "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"#{number}: lr {p.GetProperty("lr").GetDouble():0.####}, momentum {p.GetProperty("momentum").GetDouble():0.###}, batch {p.GetProperty("batchSize").GetDouble():0}");
    }

    private static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>trials.csv's <c>search_trial</c> of the refit (a trial of the sweep, on all labelled data, after the search).</summary>
    private const string RefitTrial = "refit";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
