using Orchestrator.Contracts;
using Configuration = Orchestrator.Search.Configuration;
using ParameterValue = Orchestrator.Search.ParameterValue;

namespace Orchestrator.Sweeps.Tests;

/// <summary>The one rule for a search's best trial (what the coordinator refits and best.json reports), and the refit it starts.</summary>
public sealed class SearchBestTests
{
    private static readonly SweepDefinition Definition = SweepFile.Parse("""
        { "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 5,
          "space": {"lr": {"loguniform": [0.001, 0.3]}}, "search": {"sampler": "random", "trials": 3},
          "objective": {"metric": "validation_accuracy"}, "refit": {"stopping": "top"} }
        """).Definition!;

    [Fact]
    public void The_best_is_judged_at_the_epoch_each_trial_ended_on_among_stopped_and_completed_trials_ties_to_the_earlier()
    {
        var stopped = Trial(0, TrialState.Stopped, stopEpoch: 2);
        var completed = Trial(1, TrialState.Completed, stopEpoch: 5);
        var pruned = Trial(2, TrialState.Pruned, stopEpoch: 1);
        var values = new Dictionary<int, (int, double?)[]>
        {
            // Trial 0 reached 0.9 only after its stop (a speculative epoch); at its stop it had 0.7, as trial 1 at its end.
            [0] = [(1, 0.5), (2, 0.7), (3, 0.9)],
            [1] = [(1, 0.6), (5, 0.7)],
            [2] = [(1, 0.99)],
        };

        var best = SearchBest.Of(Definition.Objective!, [completed, pruned, stopped], t => SearchBest.AtEnd(t.StopEpoch, values[t.Spec.SearchNumber!.Value]));

        Assert.Equal((stopped.Spec.Id, 0.7), (best!.Value.Trial.Spec.Id, best.Value.Objective));
        Assert.Equal(0.6, SearchBest.AtEnd(4, [(1, 0.6), (2, null)]));
        Assert.Null(SearchBest.AtEnd(1, []));
    }

    [Fact]
    public void The_refit_is_due_once_the_search_is_over_and_every_trial_ended_and_only_once()
    {
        var study = new SearchStudy(Definition);
        var first = Trial(0, TrialState.Completed, stopEpoch: 5);
        var second = Trial(1, TrialState.Stopped, stopEpoch: 3);
        var objectives = new[] { new TrialObjective(first.Spec.Id, 5, 0.6), new TrialObjective(second.Spec.Id, 3, 0.8) };

        Assert.Null(study.RefitDue([first, second], objectives, searchOver: false));
        Assert.Null(study.RefitDue([first, second with { State = TrialState.Running }], objectives, searchOver: true));
        var refit = study.RefitDue([first, second], objectives, searchOver: true);
        Assert.Equal(1, refit!.RefitOf);
        Assert.Null(study.RefitDue([first, second, new TrialStatus { Spec = refit, State = TrialState.Pending }], objectives, searchOver: true));

        // Nothing ended with an objective: nothing to refit.
        Assert.Null(study.RefitDue([first with { State = TrialState.Failed }], [], searchOver: true));
    }

    private static TrialStatus Trial(int number, TrialState state, int stopEpoch) => new()
    {
        Spec = SearchTrialSpecs.Spec(Definition, number, new Configuration([KeyValuePair.Create("lr", ParameterValue.Of(0.01 * (number + 1)))])),
        State = state,
        StopEpoch = stopEpoch,
        EpochsRun = stopEpoch,
    };
}
