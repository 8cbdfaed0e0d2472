using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

/// <summary>Sweeps with a search on a real cluster: the coordinator's ask/tell loop, failover and pruning.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SearchSweepTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private const string Space = """ "space": { "lr": {"loguniform": [0.01, 0.2]}, "batchSize": {"choice": [16, 32]} } """;

    [Fact]
    public async Task A_random_search_runs_its_number_of_distinct_configurations_within_the_space()
    {
        var sweep = Synthetic.Sweep("search-random", Space + """, "search": {"sampler": "random", "trials": 4, "seed": 3}, "stopping": ["none"], "maxEpochs": 2, "concurrency": 2 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("search-random").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "search-random", Synthetic.Done, Timeout);

        Assert.Equal(SweepState.Finished, status.State);
        Assert.Equal([0, 1, 2, 3], status.Trials.Select(t => t.Spec.SearchNumber!.Value).Order());
        Assert.Equal(4, status.Trials.Select(t => t.Spec.Id).Distinct().Count());
        Assert.Equal(4, status.Trials.Select(t => (t.Spec.LearningRate, t.Spec.BatchSize)).Distinct().Count());
        Assert.All(status.Trials, t =>
        {
            Assert.Equal(TrialState.Completed, t.State);
            Assert.InRange(t.Spec.LearningRate, 0.01, 0.2);
            Assert.Contains(t.Spec.BatchSize, new[] { 16, 32 });
            Assert.Equal(["batchSize", "lr"], t.Spec.SearchParameters.Select(p => p.Name));
        });
    }

    [Fact]
    public async Task A_reactivated_coordinator_continues_the_identical_search()
    {
        const string Search = """, "search": {"sampler": "tpe", "trials": 4, "seed": 5, "parameters": {"startUpTrials": 2}}, "objective": {"metric": "validation_accuracy"}, "stopping": ["none"], "maxEpochs": 2 """;
        var uninterrupted = Synthetic.Sweep("search-straight", Space + Search);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("search-straight").Submit(uninterrupted);
        var expected = await Synthetic.WaitAsync(fixture.Client, "search-straight", Synthetic.Done, Timeout);

        var interrupted = Synthetic.Sweep("search-failover", Space + Search);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("search-failover");
        await coordinator.Submit(interrupted);
        await Synthetic.WaitAsync(fixture.Client, "search-failover", s => s.Trials.Length >= 3, Timeout);
        await fixture.Cluster.DeactivateAsync(coordinator);
        var actual = await Synthetic.WaitAsync(fixture.Client, "search-failover", Synthetic.Done, Timeout);

        Assert.Equal(Sequence(expected), Sequence(actual));
        Assert.Equal(4, actual.Trials.Length);
        Assert.All(actual.Trials, t => Assert.True(t.Spec.ValidationFraction > 0, "a search with an objective holds out its validation split"));
    }

    [Fact]
    public async Task Asha_prunes_trials_behind_at_a_rung_and_says_so()
    {
        var sweep = Synthetic.Sweep("search-asha", Space + """, "search": {"sampler": "random", "trials": 6, "seed": 1}, "objective": {"metric": "validation_loss"}, "scheduler": {"type": "asha", "gracePeriod": 1, "reductionFactor": 2}, "stopping": ["none"], "maxEpochs": 4 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("search-asha").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "search-asha", Synthetic.Done, Timeout);

        Assert.Equal(6, status.Trials.Length);
        var pruned = status.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t =>
        {
            Assert.StartsWith("pruned by asha at rung", t.Reason, StringComparison.Ordinal);
            Assert.True(t.StopEpoch < sweep.MaxEpochs);

            // Its model at the prune was tested, so trials.csv and the reports have a test accuracy for it.
            Assert.InRange(t.TestAccuracy!.Value, 0, 1);
        });
        // A trial may diverge (lr up to 0.2) in the epoch it was training when the prune reached it: its own end stands.
        Assert.All(status.Trials.Except(pruned), t => Assert.Contains(t.State, new[] { TrialState.Completed, TrialState.Diverged }));
    }

    [Fact]
    public async Task The_criterion_and_the_scheduler_compose_and_each_end_names_which_fired()
    {
        var sweep = Synthetic.Sweep("search-compose", Space + """, "search": {"sampler": "random", "trials": 6, "seed": 2}, "objective": {"metric": "validation_accuracy"}, "scheduler": {"type": "asha", "gracePeriod": 1, "reductionFactor": 2}, "stopping": [{"method": "top", "parameters": {"patience": 1}}], "maxEpochs": 40 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("search-compose").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "search-compose", Synthetic.Done, Timeout);

        var pruned = status.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        var stopped = status.Trials.Where(t => t.State == TrialState.Stopped).ToList();
        Assert.NotEmpty(pruned);
        Assert.NotEmpty(stopped);
        Assert.All(pruned, t => Assert.StartsWith("pruned by asha at rung", t.Reason, StringComparison.Ordinal));
        Assert.All(stopped, t =>
        {
            Assert.DoesNotContain("asha", t.Reason, StringComparison.Ordinal);
            Assert.True(t.StopEpoch < sweep.MaxEpochs);
        });
        Assert.Equal(6, pruned.Count + stopped.Count + status.Trials.Count(t => t.State == TrialState.Completed));

        // A trial pruned by ASHA before TOP could fire, and one stopped by TOP between rungs (before its next one).
        var topEarliest = SweepWarnings.EarliestStop(sweep.Stopping[0])!.Value;
        var rungs = Enumerable.Range(0, 6).Select(k => 1 << k).ToHashSet();
        Assert.Contains(pruned, t => t.StopEpoch < topEarliest);
        Assert.Contains(stopped, t => !rungs.Contains(t.StopEpoch!.Value));
    }

    private static List<string> Sequence(SweepStatus status) =>
        [.. status.Trials.OrderBy(t => t.Spec.SearchNumber).Select(t => string.Join(", ", t.Spec.SearchParameters.Select(p => $"{p.Name}={p.Value}")))];
}
