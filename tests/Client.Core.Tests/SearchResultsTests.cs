using System.Text.Json;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Configuration = Orchestrator.Search.Configuration;
using ParameterValue = Orchestrator.Search.ParameterValue;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

/// <summary>The results of a search: its sweep file round trip, best.json and the sampled columns of trials.csv.</summary>
public sealed class SearchResultsTests
{
    private const string Sweep = """
        { "name": "search-results", "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], "maxEpochs": 5,
          "grid": { "weightDecay": [0.0001] },
          "space": { "lr": {"loguniform": [0.001, 0.3]}, "optimizer": {"choice": ["sgd", "adam"]}, "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": "sgd"}} },
          "search": { "sampler": "tpe", "trials": 6, "seed": 2, "parameters": { "startUpTrials": 3 } },
          "objective": { "metric": "validation_loss" },
          "scheduler": { "type": "median", "minTrials": 2 } }
        """;

    private static readonly SweepDefinition Definition = SweepFile.Parse(Sweep).Definition!;

    [Fact]
    public void A_written_search_reads_back_as_the_same_definition()
    {
        var again = SweepFile.Parse(SweepFileJson.Write(Definition));

        Assert.Empty(again.Errors);
        Assert.Equal(SweepFileJson.Write(Definition), SweepFileJson.Write(again.Definition!));
        Assert.Equal(Definition.Search!.Space, again.Definition!.Search!.Space);
    }

    [Fact]
    public void Best_json_names_the_trial_with_the_best_objective_at_its_last_epoch_and_what_the_search_cost()
    {
        var good = Trial(0, 0.05, TrialState.Stopped, stopEpoch: 3, testAccuracy: 0.91);
        var worse = Trial(1, 0.2, TrialState.Completed, stopEpoch: 5, testAccuracy: 0.95);
        var pruned = Trial(2, 0.01, TrialState.Pruned, stopEpoch: 1, testAccuracy: null);
        var epochs = new Dictionary<string, IReadOnlyList<EpochRecord>>
        {
            // The stopped trial's objective is the one at its stop (epoch 3), not a later speculative epoch.
            [good.Spec.Id] = [Epoch(1, 0.9), Epoch(2, 0.5), Epoch(3, 0.3), Epoch(4, 0.1)],
            [worse.Spec.Id] = [Epoch(1, 0.8), Epoch(5, 0.4)],
            [pruned.Spec.Id] = [Epoch(1, 0.05)],
        };
        var submitted = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
        var status = new SweepStatus { SweepId = "search-results", Definition = Definition, Trials = [good, worse, pruned], SubmittedAt = submitted, FinishedAt = submitted.AddSeconds(42) };

        using var best = JsonDocument.Parse(SearchBestJson.Write(status, epochs)!);

        var root = best.RootElement;
        Assert.Equal(good.Spec.Id, root.GetProperty("trial").GetString());
        Assert.Equal(0.3, root.GetProperty("objective").GetDouble());
        Assert.Equal(0.91, root.GetProperty("testAccuracy").GetDouble());
        Assert.Equal(0.05, root.GetProperty("params").GetProperty("lr").GetDouble());
        Assert.Equal("sgd", root.GetProperty("params").GetProperty("optimizer").GetString());
        Assert.Equal(3 + 5 + 1, root.GetProperty("epochsTotal").GetInt32());
        Assert.Equal(42, root.GetProperty("seconds").GetDouble());
    }

    [Fact]
    public void Trials_csv_has_every_sampled_parameter_as_a_column()
    {
        var trial = Trial(0, 0.05, TrialState.Completed, stopEpoch: 5, testAccuracy: 0.9);
        var lines = SweepResultsWriter.TrialsCsv(new SweepStatus { SweepId = "search-results", Definition = Definition, Trials = [trial] }).Split('\n');
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');

        foreach (var (column, value) in new[] { ("lr", "0.05"), ("momentum", "0.7"), ("optimizer", "sgd"), ("search_trial", "0"), ("weight_decay", "0.0001") })
        {
            Assert.Equal(value, row[Array.IndexOf(header, column)]);
        }
    }

    private static TrialStatus Trial(int number, double lr, TrialState state, int stopEpoch, double? testAccuracy)
    {
        var configuration = new Configuration([
            KeyValuePair.Create("lr", ParameterValue.Of(lr)),
            KeyValuePair.Create("optimizer", ParameterValue.Of("sgd")),
            KeyValuePair.Create("momentum", ParameterValue.Of(0.7))]);
        return new TrialStatus
        {
            Spec = SearchTrialSpecs.Spec(Definition, number, configuration),
            State = state,
            StopEpoch = stopEpoch,
            EpochsRun = stopEpoch,
            TestAccuracy = testAccuracy,
        };
    }

    private static EpochRecord Epoch(int epoch, double validationLoss) =>
        new() { Epoch = epoch, Losses = new EpochLosses { Training = 1, Validation = validationLoss, ValidationAccuracy = 1 - validationLoss } };
}
