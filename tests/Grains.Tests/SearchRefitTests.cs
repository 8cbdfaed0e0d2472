using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

/// <summary>The label-free refit on a real cluster and the synthetic data set: the search's best configuration trained again on all labelled data.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SearchRefitTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    // TOP with patience 1 can stop well before maxEpochs on the synthetic data (SweepWarnings names its earliest stop).
    private const string Search = """
        "space": { "lr": {"loguniform": [0.01, 0.2]}, "batchSize": {"choice": [16, 32]} },
        "search": {"sampler": "random", "trials": 3, "seed": 4},
        "objective": {"metric": "validation_accuracy"},
        "stopping": ["none"], "maxEpochs": 30, "validationFraction": 0.25,
        "refit": {"stopping": {"method": "top", "parameters": {"patience": 1}}}
        """;

    [Fact]
    public async Task The_refit_trains_the_best_configuration_on_the_hold_out_too_stops_by_top_and_best_json_has_its_test_accuracy()
    {
        var sweep = Synthetic.Sweep("refit-e2e", Search.Replace("\"maxEpochs\": 30", "\"maxEpochs\": 25", StringComparison.Ordinal) + ", \"concurrency\": 2");
        Assert.Empty(SweepWarnings.Of(sweep));
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("refit-e2e").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "refit-e2e", Synthetic.Done, Timeout);

        Assert.Equal(SweepState.Finished, status.State);
        var refit = Assert.Single(status.Trials, t => t.Spec.IsRefit);
        var search = status.Trials.Where(t => !t.Spec.IsRefit).ToList();
        Assert.Equal(3, search.Count);

        // The refit started after every search trial ended, so it is the last trial added.
        Assert.Same(refit, status.Trials[^1]);
        var source = Assert.Single(search, t => t.Spec.SearchNumber == refit.Spec.RefitOf);
        Assert.Equal(source.Spec.SearchParameters, refit.Spec.SearchParameters);
        Assert.Equal((source.Spec.LearningRate, source.Spec.BatchSize), (refit.Spec.LearningRate, refit.Spec.BatchSize));

        // No hold-out: the 200 images the search trials held out are trained on.
        Assert.All(search, t => Assert.Equal((600, 200), (t.TrainingSamples, t.HoldOutSamples)));
        Assert.Equal(0, refit.Spec.ValidationFraction);
        Assert.Equal((800, 0), (refit.TrainingSamples, refit.HoldOutSamples));

        // Stopped by TOP before maxEpochs, with a test accuracy.
        Assert.Equal(TrialState.Stopped, refit.State);
        Assert.Equal("top", refit.Spec.Stopping.Name);
        Assert.True(refit.StopEpoch < sweep.MaxEpochs, $"the refit ran to epoch {refit.StopEpoch}");
        Assert.NotNull(refit.TestAccuracy);

        // The refit is of the best search trial by the objective the coordinator persisted, and best.json says so.
        var epochs = new Dictionary<string, IReadOnlyList<EpochRecord>>(StringComparer.Ordinal);
        foreach (var trial in status.Trials)
        {
            epochs[trial.Spec.Id] = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
        }

        var best = SearchBest.Of(sweep.Objective!, search, t => SearchBestJson.ObjectiveOf(sweep.Objective!, t, epochs[t.Spec.Id]));
        Assert.Equal(source.Spec.Id, best!.Value.Trial.Spec.Id);
        using var json = JsonDocument.Parse(SearchBestJson.Write(status, epochs)!);
        var root = json.RootElement;
        Assert.Equal(source.Spec.Id, root.GetProperty("trial").GetString());
        Assert.Equal(refit.TestAccuracy!.Value, root.GetProperty("refit").GetProperty("testAccuracy").GetDouble());
        Assert.Equal(refit.StopEpoch!.Value, root.GetProperty("refit").GetProperty("stopEpoch").GetInt32());
        Assert.Equal(status.Trials.Sum(t => t.EpochsRun), root.GetProperty("epochsTotal").GetInt32());
        Assert.True(root.GetProperty("epochsTotal").GetInt32() > search.Sum(t => t.EpochsRun), "epochsTotal counts the refit's epochs too");
        Assert.Contains("refit", SweepResultsWriter.TrialsCsv(status).Split('\n').Single(l => l.StartsWith(refit.Spec.Id, StringComparison.Ordinal)).Split(','));
    }

    [Fact]
    public async Task A_coordinator_that_fails_over_during_the_refit_runs_it_once_and_a_resubmission_keeps_it()
    {
        var sweep = Synthetic.Sweep("refit-failover", Search);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("refit-failover");
        await coordinator.Submit(sweep);
        await Synthetic.WaitAsync(fixture.Client, "refit-failover", s => s.Trials.Any(t => t.Spec.IsRefit), Timeout);
        await fixture.Cluster.DeactivateAsync(coordinator);
        var status = await Synthetic.WaitAsync(fixture.Client, "refit-failover", Synthetic.Done, Timeout);

        var refit = Assert.Single(status.Trials, t => t.Spec.IsRefit);
        Assert.True(refit.State.IsFinal());
        Assert.Equal(4, status.Trials.Length);

        // The same sweep again: every trial, the refit included, keeps its result; nothing is trained again.
        var again = await coordinator.Submit(sweep);
        Assert.Equal(SweepState.Finished, (await Synthetic.WaitAsync(fixture.Client, "refit-failover", Synthetic.Done, Timeout)).State);
        Assert.Equal(status.Trials.Select(t => (t.Spec.Id, t.State, t.EpochsRun)), again.Trials.Select(t => (t.Spec.Id, t.State, t.EpochsRun)));
    }

    [Fact]
    public async Task A_cancelled_search_ends_without_a_refit()
    {
        var sweep = Synthetic.Sweep("refit-cancelled", Search.Replace("\"trials\": 3", "\"trials\": 1", StringComparison.Ordinal));
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("refit-cancelled");
        await coordinator.Submit(sweep);
        await coordinator.Cancel();
        var status = await Synthetic.WaitAsync(fixture.Client, "refit-cancelled", Synthetic.Done, Timeout);

        Assert.Equal(SweepState.Cancelled, status.State);
        Assert.DoesNotContain(status.Trials, t => t.Spec.IsRefit);
        Assert.Null(SearchBestJson.RefitLine(status));
    }
}
