using Orchestrator.Contracts;

namespace Orchestrator.Sweeps.Tests;

/// <summary>The study the coordinator rebuilds from persisted trials: proposals, ids and pruning, without a cluster.</summary>
public sealed class SearchStudyTests
{
    private static SweepDefinition Sweep(string blocks) => SweepFile.Parse($$"""
        { "name": "study", "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], "maxEpochs": 9,
          "space": { "lr": {"loguniform": [0.001, 0.3]}, "batchSize": {"choice": [32, 64]} }, {{blocks}} }
        """).Definition!;

    [Fact]
    public void The_same_persisted_trials_give_the_same_next_trial_whoever_asks()
    {
        var sweep = Sweep(""" "search": {"sampler": "random", "trials": 5, "seed": 4} """);
        var trials = new List<TrialStatus>();
        for (var i = 0; i < 3; i++)
        {
            var study = new SearchStudy(sweep);
            trials.Add(new TrialStatus { Spec = study.ProposeNext(study.History(trials, []))!, State = TrialState.Completed });
        }

        var first = new SearchStudy(sweep).ProposeNext(new SearchStudy(sweep).History(trials, []))!;
        var again = new SearchStudy(sweep).ProposeNext(new SearchStudy(sweep).History(trials, []))!;

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.SearchParameters, again.SearchParameters);
        Assert.Equal(3, first.SearchNumber);
        Assert.Equal(4, trials.Select(t => t.Spec.Id).Append(first.Id).Distinct().Count());
    }

    [Fact]
    public void A_trial_behind_at_an_asha_rung_is_pruned_with_the_rung_in_the_reason()
    {
        var sweep = Sweep(""" "search": {"sampler": "random", "trials": 5}, "objective": {"metric": "validation_accuracy"}, "scheduler": {"type": "asha", "gracePeriod": 1, "reductionFactor": 2} """);
        var study = new SearchStudy(sweep);
        var leader = new TrialStatus { Spec = study.ProposeNext(study.History([], []))!, State = TrialState.Running };
        var behind = new TrialStatus { Spec = study.ProposeNext(study.History([leader], []))!, State = TrialState.Running };
        TrialObjective[] objectives = [new(leader.Spec.Id, 1, 0.9), new(behind.Spec.Id, 1, 0.4)];

        var decision = study.Decide(study.History([leader, behind], objectives), behind.Spec.Id, behind.Spec.SearchNumber!.Value)!;

        Assert.True(decision.ShouldPrune);
        Assert.StartsWith("pruned by asha at rung", decision.Reason, StringComparison.Ordinal);
        Assert.False(study.Decide(study.History([leader, behind], objectives), leader.Spec.Id, 0)!.ShouldPrune);
    }

    [Fact]
    public void A_trial_its_criterion_stopped_counts_as_completed_with_the_objective_at_its_stop()
    {
        var sweep = Sweep(""" "search": {"sampler": "random", "trials": 5}, "objective": {"metric": "validation_loss"} """);
        var study = new SearchStudy(sweep);
        var stopped = new TrialStatus { Spec = study.ProposeNext(study.History([], []))!, State = TrialState.Stopped, StopEpoch = 2 };

        var record = study.History([stopped], [new(stopped.Spec.Id, 1, 0.9), new(stopped.Spec.Id, 2, 0.5), new(stopped.Spec.Id, 3, 0.4)]).Trials.Single();

        Assert.Equal(Orchestrator.Search.TrialState.Completed, record.State);
        Assert.Equal(0.5, record.Objective);
        Assert.False(study.Prunes);
    }

    [Fact]
    public void A_search_with_an_objective_holds_out_its_validation_split_whatever_the_criterion()
    {
        var study = new SearchStudy(Sweep(""" "search": {"sampler": "random", "trials": 2}, "objective": {"metric": "validation_accuracy"} """));

        Assert.Equal(0.2, study.ProposeNext(study.History([], []))!.ValidationFraction);
    }
}
