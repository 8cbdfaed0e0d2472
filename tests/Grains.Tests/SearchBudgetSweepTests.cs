using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

/// <summary>A search's budgets on a real cluster and the synthetic data set: no trial is proposed once one is spent.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SearchBudgetSweepTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    private const string Space = """ "space": { "lr": {"loguniform": [0.01, 0.2]} }, "stopping": ["none"], "maxEpochs": 3 """;

    [Fact]
    public async Task An_epoch_budget_stops_proposals_once_spent_and_the_running_trial_finishes_and_counts()
    {
        // One at a time, 3 epochs each: 3 + 3 = 6 < 7 so a third trial is proposed; 9 ≥ 7 and nothing more is.
        var sweep = Synthetic.Sweep("budget-epochs", Space + """, "search": {"sampler": "random", "trials": 20, "seed": 1, "budget": {"epochs": 7}}, "objective": {"metric": "validation_accuracy"}, "refit": {"stopping": "none"} """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("budget-epochs").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "budget-epochs", Synthetic.Done, Timeout);

        var search = status.Trials.Where(t => !t.Spec.IsRefit).ToList();
        Assert.Equal(SweepState.Finished, status.State);
        Assert.Equal(3, search.Count);
        Assert.All(search, t => Assert.Equal((TrialState.Completed, 3), (t.State, t.EpochsRun)));
        Assert.Equal(9, SearchBudget.EpochsSpent(status.Trials));

        // The refit is not part of the search: it runs after the budget is spent.
        var refit = Assert.Single(status.Trials, t => t.Spec.IsRefit);
        Assert.Equal(TrialState.Completed, refit.State);
    }

    [Fact]
    public async Task A_time_budget_stops_proposals_once_the_wall_time_since_submission_is_spent()
    {
        var sweep = Synthetic.Sweep("budget-seconds", Space + """, "search": {"sampler": "random", "trials": 10000, "seed": 1, "budget": {"seconds": 2}}, "concurrency": 2 """);
        var started = DateTime.UtcNow;
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("budget-seconds").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "budget-seconds", Synthetic.Done, Timeout);

        Assert.Equal(SweepState.Finished, status.State);
        Assert.InRange(status.Trials.Length, 1, 9999);
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));

        // Every trial was proposed before the budget ran out: the last one started within it (plus a scheduling tick).
        Assert.True(status.FinishedAt!.Value - started >= TimeSpan.FromSeconds(2), "the search ran until its time budget was spent");
    }
}
