using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Client.Core.Reports;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using ScottPlot.Plottables;
using Configuration = Orchestrator.Search.Configuration;
using ParameterValue = Orchestrator.Search.ParameterValue;

namespace Orchestrator.Client.Core.Tests;

/// <summary>
/// A search's report and summary: read from a real search's results (Fixtures/search-conditional, see its README)
/// and from folders the results writer writes.
/// </summary>
public sealed class SearchReportTests
{
    private static string Fixture(string file = "") => RepositoryRoot.Path("tests", "Client.Core.Tests", "Fixtures", "search-conditional", file);

    private static TemporaryDirectory CopyOfFixture()
    {
        var temporary = new TemporaryDirectory();
        foreach (var file in Directory.GetFiles(Fixture()).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            File.Copy(file, temporary.File(Path.GetFileName(file)));
        }

        return temporary;
    }

    private static SearchResults Search(string directory) => SearchResults.Of(Reports.ResultsFolder.Load(directory))!;

    [Fact]
    public void A_conditional_parameter_has_an_empty_sampled_cell_exactly_where_its_condition_did_not_hold()
    {
        var csv = CsvTable.Read(Fixture("trials.csv"), "re-run");

        Assert.Equal(8, csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            // momentum is sampled only when optimizer is sgd; the trial's own momentum column keeps what it ran with.
            Assert.Equal(csv.Text(row, "optimizer") == "sgd", csv.Text(row, "sampled_momentum").Length > 0);
            Assert.Equal(csv.Text(row, "lr"), csv.Text(row, "sampled_lr"));
            Assert.Equal(csv.Text(row, "optimizer"), csv.Text(row, "sampled_optimizer"));
            Assert.Equal(csv.Text(row, "batch_size"), csv.Text(row, "sampled_batch_size"));
        }

        Assert.Contains(csv.Rows, r => csv.Text(r, "optimizer") == "adam");
        Assert.Contains(csv.Rows, r => csv.Text(r, "optimizer") == "sgd");
    }

    [Fact]
    public void The_results_writer_puts_the_space_parameters_last_in_the_space_order_and_leaves_an_inactive_one_empty()
    {
        var definition = SearchSweep("max");
        var adam = Trial(definition, 0, "adam", momentum: null, TrialState.Completed, 4, 0.9);
        var sgd = Trial(definition, 1, "sgd", momentum: 0.7, TrialState.Completed, 4, 0.8);
        var lines = SweepResultsWriter.TrialsCsv(new SweepStatus { SweepId = "s", Definition = definition, Trials = [adam, sgd] }).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');

        Assert.Equal(["sampled_lr", "sampled_optimizer", "sampled_momentum"], header[^3..]);
        Assert.Equal(["0.01", "adam", string.Empty], lines[1].Split(',')[^3..]);
        Assert.Equal(["0.01", "sgd", "0.7"], lines[2].Split(',')[^3..]);
        Assert.Equal("0", lines[1].Split(',')[Array.IndexOf(header, "momentum")]);
    }

    [Fact]
    public void The_report_of_a_real_search_embeds_each_search_figure_with_its_series()
    {
        using var folder = CopyOfFixture();

        var written = ReportGenerator.Generate(folder.Path, "test");

        var report = File.ReadAllText(folder.File("report.md"));
        string[] names = ["history", "parallel-coordinates", "objective-vs-lr", "objective-vs-optimizer", "objective-vs-momentum", "objective-vs-batchsize", "pareto"];
        foreach (var name in names)
        {
            var path = Path.Combine(folder.Path, "figures", $"search-{name}.png");
            Assert.Contains(path, written);
            Assert.True(new FileInfo(path).Length > 10_000, path);
            Assert.Contains($"(figures/search-{name}.png)", report, StringComparison.Ordinal);
        }

        // Each search section once, before the per-configuration sections; no test-accuracy ranking for a search.
        Assert.True(report.IndexOf("## Search: best configuration", StringComparison.Ordinal) < report.IndexOf("## Search: epochs saved", StringComparison.Ordinal));
        Assert.DoesNotContain("sweep files declare no objective", report, StringComparison.Ordinal);

        var search = Search(folder.Path);
        var recorded = search.Trials.Count(t => t.OnTheRecord);
        Assert.Equal(7, recorded); // every trial but the diverged one

        // History: finished and pruned points, and the best-so-far line.
        var history = SearchFigures.History(search)!.GetPlottables().ToList();
        Assert.Equal([4, 3], history.OfType<Markers>().Select(m => m.Data.GetScatterPoints().Count));
        Assert.Single(history.OfType<Scatter>());

        // Parallel coordinates: one line per trial with an objective, one point per parameter and the objective.
        var lines = SearchFigures.ParallelCoordinates(search)!.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(recorded, lines.Count);
        Assert.All(lines, l => Assert.Equal(search.Parameters.Count + 1, l.Data.GetScatterPoints().Count));

        // Objective against a conditional parameter: only the trials where it was active (sgd, not diverged).
        var momentum = search.Parameters.Single(p => p.Name == "momentum");
        var sgdTrials = search.Trials.Count(t => t.OnTheRecord && t.Trial.Sampled.ContainsKey("sampled_momentum"));
        Assert.Equal(sgdTrials, SearchFigures.ObjectiveVs(search, momentum)!.GetPlottables().OfType<Markers>().Sum(m => m.Data.GetScatterPoints().Count));
    }

    [Fact]
    public void A_loguniform_parameter_is_drawn_on_a_log_axis()
    {
        var search = Search(Fixture());
        var lr = search.Parameters.Single(p => p.Name == "lr");
        Assert.Equal(SampledScale.Log, lr.Scale);
        Assert.Equal(SampledScale.Categorical, search.Parameters.Single(p => p.Name == "batchSize").Scale);
        Assert.Equal(SampledScale.Linear, search.Parameters.Single(p => p.Name == "momentum").Scale);

        // The axis spans the space's range [0.001, 0.3], not just the values drawn, so coverage shows.
        var plot = SearchFigures.ObjectiveVs(search, lr)!;
        Assert.InRange(plot.Axes.GetLimits().Left, Math.Log10(0.001) - 0.2, Math.Log10(0.001));
        Assert.InRange(plot.Axes.GetLimits().Right, Math.Log10(0.3), Math.Log10(0.3) + 0.2);
        var xs = plot.GetPlottables().OfType<Markers>().SelectMany(m => m.Data.GetScatterPoints().Select(p => p.X)).Order().ToList();
        var expected = search.Trials.Where(t => t.OnTheRecord).Select(t => Math.Log10(double.Parse(t.Trial.Sampled["sampled_lr"], CultureInfo.InvariantCulture))).Order().ToList();
        Assert.Equal(expected.Count, xs.Count);
        Assert.All(expected.Zip(xs), p => Assert.Equal(p.First, p.Second, 12));
    }

    [Fact]
    public void The_objective_read_from_the_csv_files_reproduces_best_json()
    {
        var search = Search(Fixture());
        using var best = JsonDocument.Parse(File.ReadAllText(Fixture("best.json")));
        var trial = best.RootElement.GetProperty("trial").GetString();

        Assert.Equal(best.RootElement.GetProperty("objective").GetDouble(), search.Trials.Single(t => t.Trial.Id == trial).Objective);
        Assert.Equal(best.RootElement.GetProperty("objective").GetDouble(), search.BestSoFar()[^1].BestSoFar);
    }

    [Fact]
    public void The_epochs_saved_of_a_real_search_add_up_to_every_trial_at_max_epochs_and_match_best_json()
    {
        var search = Search(Fixture());
        var saved = EpochsSaved.Of([.. search.Trials.Select(t => t.Trial)], search.MaxEpochs);
        using var best = JsonDocument.Parse(File.ReadAllText(Fixture("best.json")));

        Assert.Equal(8 * 12, saved.AtMaxEpochs);
        Assert.Equal(best.RootElement.GetProperty("epochsTotal").GetInt32(), saved.Trained);
        Assert.Equal(saved.AtMaxEpochs, saved.Trained + saved.ByPruning + saved.ByCriterion + saved.Otherwise);
    }

    [Fact]
    public void Epochs_saved_are_credited_to_what_ended_each_trial()
    {
        // maxEpochs 6: ran to the end (6), stopped by TOP at 3, pruned at rung 2 but cancelled after 3, diverged after 1.
        var definition = SearchSweep("max", maxEpochs: 6);
        var trials = ImmutableArray.Create(
            Trial(definition, 0, "sgd", 0.9, TrialState.Completed, 6, 0.9),
            Trial(definition, 1, "sgd", 0.8, TrialState.Stopped, 3, 0.85),
            Trial(definition, 2, "adam", null, TrialState.Pruned, 3, null, stopEpoch: 2),
            Trial(definition, 3, "sgd", 0.6, TrialState.Diverged, 1, null));
        using var root = new TemporaryDirectory();

        var directory = SweepResultsWriter.Write(root.Path, Status(definition, trials), Epochs(trials), partial: false);

        var search = Search(directory);
        var saved = EpochsSaved.Of([.. search.Trials.Select(t => t.Trial)], search.MaxEpochs);
        Assert.Equal(new EpochsSaved(4, 6, 6 + 3 + 3 + 1, ByPruning: 3, ByCriterion: 3, Otherwise: 5), saved);
        var summary = File.ReadAllText(Path.Combine(directory, "summary.md"));
        Assert.Contains("| trained (4 trials, `epochs_run` in trials.csv) | 13 |", summary, StringComparison.Ordinal);
        Assert.Contains("| if every trial had run to max epochs (4 × 6) | 24 |", summary, StringComparison.Ordinal);
        Assert.Contains("| saved by pruning (1 trial pruned by the scheduler) | 3 |", summary, StringComparison.Ordinal);
        Assert.Contains("| saved by the criterion (1 trial stopped by `top`; 1 ran to max epochs) | 3 |", summary, StringComparison.Ordinal);
        Assert.Contains("(1 trial) | 5 |", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_pareto_front_keeps_exactly_the_trials_nothing_beats_on_both_epochs_and_objective(bool maximize)
    {
        // (epochs, objective); for minimising, the objective's sign is flipped so the same points are on the front.
        (string Name, int Epochs, double Value)[] points =
        [
            ("a", 2, 0.50), ("b", 3, 0.70), ("c", 3, 0.60), ("d", 5, 0.70), ("e", 6, 0.90), ("f", 6, 0.90), ("g", 8, 0.85), ("h", 1, 0.40),
        ];
        var sign = maximize ? 1 : -1;

        var front = ParetoFront.Of(points, p => p.Epochs, p => sign * p.Value, maximize);

        // c: b has as many epochs and more; d: b has fewer epochs and as much; g: e has fewer and more; e and f tie.
        Assert.Equal(["h", "a", "b", "e", "f"], front.Select(p => p.Name));
    }

    [Fact]
    public void The_summary_of_a_search_opens_with_its_best_configuration_by_the_objective()
    {
        var definition = SearchSweep("min", metric: "validation_loss");
        var trials = ImmutableArray.Create(
            Trial(definition, 0, "sgd", 0.9, TrialState.Stopped, 4, 0.81),
            Trial(definition, 1, "adam", null, TrialState.Completed, 6, 0.93),
            Trial(definition, 2, "sgd", 0.5, TrialState.Pruned, 2, null));
        using var root = new TemporaryDirectory();

        var directory = SweepResultsWriter.Write(root.Path, Status(definition, trials), Epochs(trials), partial: false);

        var summary = File.ReadAllText(Path.Combine(directory, "summary.md"));
        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "best.json")));
        var bestTrial = best.RootElement.GetProperty("trial").GetString()!;
        var opening = summary[..summary.IndexOf("| state |", StringComparison.Ordinal)];
        Assert.StartsWith("# Sweep `search-report`\n\n## Search: best configuration", summary.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("validation loss (min)", opening, StringComparison.Ordinal);
        Assert.Contains($"| `{bestTrial}` |", opening, StringComparison.Ordinal);
        Assert.Contains("| optimizer | " + best.RootElement.GetProperty("params").GetProperty("optimizer").GetString() + " |", opening, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"{best.RootElement.GetProperty("testAccuracy").GetDouble() * 100:0.00} %"), opening, StringComparison.Ordinal);
        Assert.Contains("No refit in `best.json`", opening, StringComparison.Ordinal);
        Assert.Contains("(figures/search-history.png)", opening, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "figures", "search-history.png")));
        Assert.DoesNotContain("sweep files declare no objective", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"testAccuracy\": 0.9712, \"stopEpoch\": 7}", "test accuracy 97.12 % against the best search trial's")]
    [InlineData("null", "No refit in `best.json`")]
    public void A_refit_in_best_json_is_shown_beside_the_best_trial_and_a_null_one_is_tolerated(string refit, string expected)
    {
        var definition = SearchSweep("max");
        var trials = ImmutableArray.Create(Trial(definition, 0, "sgd", 0.9, TrialState.Stopped, 4, 0.95));
        using var root = new TemporaryDirectory();
        var directory = SweepResultsWriter.Write(root.Path, Status(definition, trials), Epochs(trials), partial: false);

        // best.json as the refit adds it: the refit object (or null) beside what the search wrote.
        var best = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "best.json")))!.AsObject();
        best["refit"] = JsonNode.Parse(refit);
        File.WriteAllText(Path.Combine(directory, "best.json"), best.ToJsonString());

        var section = SearchSection.Markdown(directory)!;
        Assert.Contains(expected, section, StringComparison.Ordinal);
        if (refit != "null")
        {
            Assert.Contains("95.00 % (+2.12 points); stopped at epoch 7", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_refit_row_in_trials_csv_is_kept_out_of_the_search_trials_and_its_epochs_are_named_apart()
    {
        var definition = SearchSweep("max");
        var trials = ImmutableArray.Create(
            Trial(definition, 0, "sgd", 0.9, TrialState.Stopped, 4, 0.95),
            Trial(definition, 1, "adam", null, TrialState.Completed, 6, 0.9));
        using var root = new TemporaryDirectory();
        var directory = SweepResultsWriter.Write(root.Path, Status(definition, trials), Epochs(trials), partial: false);

        // The refit's row as the refit writes it: the best trial's configuration, search_trial "refit", its own epochs.
        var path = Path.Combine(directory, "trials.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var refit = lines[1].Split(',');
        refit[Array.IndexOf(header, "trial_id")] = "trefit0000000";
        refit[Array.IndexOf(header, "search_trial")] = "refit";
        refit[Array.IndexOf(header, "epochs_run")] = "7";
        File.AppendAllLines(path, [string.Join(',', refit)]);

        var search = Search(directory);
        Assert.Equal([0, 1], search.Trials.Select(t => t.Number));
        Assert.Equal(7, search.RefitEpochs);
        Assert.Equal(4 + 6, EpochsSaved.Of([.. search.Trials.Select(t => t.Trial)], search.MaxEpochs).Trained);
        Assert.Contains("The refit trained 7 more epochs", SearchSection.Markdown(directory), StringComparison.Ordinal);
        Assert.Equal("top", search.RefitMethod);
        ReportGenerator.Generate(directory, "test");
    }

    [Fact]
    public void Sampled_columns_are_snake_case_whatever_the_space_key()
    {
        Assert.Equal("sampled_lr", SampledParameters.Column("lr"));
        Assert.Equal("sampled_batch_size", SampledParameters.Column("batchSize"));
        Assert.Equal("sampled_model_hidden", SampledParameters.Column("model.hidden"));
    }

    [Fact]
    public void A_grid_sweep_gets_no_search_section_or_figures()
    {
        var definition = SweepFile.Parse("""{ "name": "grid", "dataset": "synthetic", "model": "mlp-small", "grid": { "lr": [0.01, 0.05] }, "stopping": ["top"], "maxEpochs": 3 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec => new TrialStatus { Spec = spec, State = TrialState.Completed, StopEpoch = 3, EpochsRun = 3, TestAccuracy = 0.5 }).ToImmutableArray();
        using var root = new TemporaryDirectory();

        var directory = SweepResultsWriter.Write(root.Path, Status(definition, trials), Epochs(trials), partial: false);
        ReportGenerator.Generate(directory, "test");

        Assert.Null(SearchSection.Markdown(directory));
        Assert.DoesNotContain("sampled_", File.ReadLines(Path.Combine(directory, "trials.csv")).First(), StringComparison.Ordinal);
        Assert.DoesNotContain("Search:", File.ReadAllText(Path.Combine(directory, "report.md")), StringComparison.Ordinal);
        Assert.DoesNotContain("Search:", File.ReadAllText(Path.Combine(directory, "summary.md")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(directory, "figures"), "search-*"));
    }

    private static SweepDefinition SearchSweep(string mode, string metric = "validation_accuracy", int maxEpochs = 6) => SweepFile.Parse($$"""
        { "name": "search-report", "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], "maxEpochs": {{maxEpochs}},
          "space": { "lr": {"loguniform": [0.001, 0.3]}, "optimizer": {"choice": ["sgd", "adam"]}, "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": "sgd"} } },
          "search": { "sampler": "random", "trials": 4 },
          "objective": { "metric": "{{metric}}", "mode": "{{mode}}" },
          "scheduler": { "type": "asha", "gracePeriod": 2, "reductionFactor": 2 } }
        """).Definition!;

    private static TrialStatus Trial(SweepDefinition definition, int number, string optimizer, double? momentum, TrialState state, int epochsRun, double? testAccuracy, int? stopEpoch = null)
    {
        List<KeyValuePair<string, ParameterValue>> values = [KeyValuePair.Create("lr", ParameterValue.Of(0.01)), KeyValuePair.Create("optimizer", ParameterValue.Of(optimizer))];
        if (momentum is { } m)
        {
            values.Add(KeyValuePair.Create("momentum", ParameterValue.Of(m)));
        }

        return new TrialStatus
        {
            Spec = SearchTrialSpecs.Spec(definition, number, new Configuration(values)),
            State = state,
            StopEpoch = stopEpoch ?? epochsRun,
            EpochsRun = epochsRun,
            TestAccuracy = testAccuracy,
            TrainingSamples = 640,
            HoldOutSamples = 160,
        };
    }

    private static SweepStatus Status(SweepDefinition definition, ImmutableArray<TrialStatus> trials) =>
        new() { SweepId = TrialExpansion.SweepIdOf(definition.Name), State = SweepState.Finished, Definition = definition, Trials = trials };

    /// <summary>One record per epoch trained; the hold-out metrics improve with the epoch and differ per trial.</summary>
    private static Dictionary<string, IReadOnlyList<EpochRecord>> Epochs(IEnumerable<TrialStatus> trials) =>
        trials.Select((t, i) => (t, i)).ToDictionary(
            p => p.t.Spec.Id,
            p => (IReadOnlyList<EpochRecord>)[.. Enumerable.Range(1, p.t.EpochsRun).Select(e => new EpochRecord
            {
                Epoch = e,
                Losses = new EpochLosses { Training = 1.0 / e, Validation = 1.0 / (e + p.i), ValidationAccuracy = 1 - (1.0 / (e + p.i + 1)) },
                Signals = new EpochSignals { Distance = e == 1 ? null : 0.1 * e },
            })]);
}
