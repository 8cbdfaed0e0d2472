using System.Text.Json;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using Configuration = Orchestrator.Search.Configuration;
using ParameterValue = Orchestrator.Search.ParameterValue;

namespace Orchestrator.Client.Core.Tests;

/// <summary>A search with a budget and a refit in its results: sweep.json round trip, best.json's refit, trials.csv and summary.md.</summary>
public sealed class RefitResultsTests
{
    private static readonly SweepDefinition Definition = SweepFile.Parse("""
        { "name": "refit-results", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 5,
          "space": { "lr": {"loguniform": [0.001, 0.3]} },
          "search": { "sampler": "random", "trials": 2, "budget": {"epochs": 40, "seconds": 600} },
          "objective": { "metric": "validation_accuracy" },
          "refit": { "stopping": {"method": "top", "parameters": {"patience": 2}} } }
        """).Definition!;

    [Fact]
    public void A_written_search_with_a_budget_and_a_refit_reads_back_as_the_same_definition()
    {
        var written = SweepFileJson.Write(Definition);
        var again = SweepFile.Parse(written);

        Assert.Empty(again.Errors);
        Assert.Equal(written, SweepFileJson.Write(again.Definition!));
        Assert.Equal((40, 600.0), (again.Definition!.Search!.BudgetEpochs!.Value, again.Definition.Search.BudgetSeconds!.Value));
        Assert.Equal("top(patience=2)", again.Definition.Refit!.Stopping.Describe());
    }

    [Fact]
    public void Best_json_gives_the_refits_test_accuracy_and_stop_and_counts_its_epochs_and_summary_md_says_both_accuracies()
    {
        var best = Trial(0, 0.05, TrialState.Completed, 5, 0.90);
        var other = Trial(1, 0.2, TrialState.Completed, 5, 0.95);
        var refit = new TrialStatus { Spec = SearchTrialSpecs.Refit(Definition, best.Spec), State = TrialState.Stopped, StopEpoch = 4, EpochsRun = 4, TestAccuracy = 0.93 };
        var epochs = new Dictionary<string, IReadOnlyList<EpochRecord>> { [best.Spec.Id] = [Epoch(5, 0.8)], [other.Spec.Id] = [Epoch(5, 0.7)] };
        var submitted = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
        var status = new SweepStatus { SweepId = "refit-results", Definition = Definition, Trials = [best, other, refit], SubmittedAt = submitted, FinishedAt = submitted.AddSeconds(30) };

        using var json = JsonDocument.Parse(SearchBestJson.Write(status, epochs)!);
        var root = json.RootElement;

        Assert.Equal(best.Spec.Id, root.GetProperty("trial").GetString());
        Assert.Equal(0.93, root.GetProperty("refit").GetProperty("testAccuracy").GetDouble());
        Assert.Equal(4, root.GetProperty("refit").GetProperty("stopEpoch").GetInt32());
        Assert.Equal(5 + 5 + 4, root.GetProperty("epochsTotal").GetInt32());
        Assert.Equal(30, root.GetProperty("seconds").GetDouble());
        Assert.Contains("test accuracy 90.00 %", SearchBestJson.RefitLine(status), StringComparison.Ordinal);
        Assert.Contains("test accuracy **93.00 %** (stopped at epoch 4 by top(patience=2)", SweepSummary.Markdown(status, partial: false), StringComparison.Ordinal);
        var csv = SweepResultsWriter.TrialsCsv(status).Split('\n');
        var column = Array.IndexOf(csv[0].Split(','), "search_trial");
        Assert.Equal(["0", "1", "refit"], csv.Skip(1).Take(3).Select(l => l.Split(',')[column]));
    }

    [Fact]
    public void Without_a_refit_trial_best_json_has_a_null_refit()
    {
        var only = Trial(0, 0.05, TrialState.Completed, 5, 0.9);
        var status = new SweepStatus { SweepId = "refit-results", Definition = Definition, Trials = [only] };

        using var json = JsonDocument.Parse(SearchBestJson.Write(status, new Dictionary<string, IReadOnlyList<EpochRecord>> { [only.Spec.Id] = [Epoch(5, 0.8)] })!);

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("refit").ValueKind);
        Assert.Null(SearchBestJson.RefitLine(status));
    }

    private static TrialStatus Trial(int number, double lr, TrialState state, int stopEpoch, double testAccuracy) => new()
    {
        Spec = SearchTrialSpecs.Spec(Definition, number, new Configuration([KeyValuePair.Create("lr", ParameterValue.Of(lr))])),
        State = state,
        StopEpoch = stopEpoch,
        EpochsRun = stopEpoch,
        TestAccuracy = testAccuracy,
    };

    private static EpochRecord Epoch(int epoch, double validationAccuracy) =>
        new() { Epoch = epoch, Losses = new EpochLosses { Training = 1, Validation = 1 - validationAccuracy, ValidationAccuracy = validationAccuracy } };
}
