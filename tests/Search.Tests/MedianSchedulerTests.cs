using Orchestrator.Search.Schedulers;
using static Orchestrator.Search.Tests.ScriptedTrials;

namespace Orchestrator.Search.Tests;

public sealed class MedianSchedulerTests
{
    // Five finished accuracy curves whose best values by epoch 3 are 0.5, 0.6, 0.7, 0.8, 0.9 (median 0.7).
    private static readonly TrialRecord[] Others =
    [
        Reporting(0, TrialState.Completed, 0.3, 0.5, 0.45, 0.6),
        Reporting(1, TrialState.Completed, 0.6, 0.4, 0.5, 0.7),
        Reporting(2, TrialState.Pruned, 0.2, 0.5, 0.7),
        Reporting(3, TrialState.Completed, 0.8, 0.7, 0.6, 0.9),
        Running(4, 0.5, 0.7, 0.9),
    ];

    [Fact]
    public void Prunes_a_trial_whose_best_is_below_the_median_of_the_others_best_at_the_same_epoch()
    {
        var trial = Running(5, 0.4, 0.65, 0.6);

        var decision = new MedianScheduler().Decide(Study(ObjectiveDirection.Maximize, [.. Others, trial]), trial);

        Assert.True(decision.ShouldPrune);
        Assert.Equal(3, decision.Step);
        Assert.Equal("pruned by median at epoch 3: best objective 0.65 by epoch 3 against the median 0.7 of 5 other trials (max)", decision.Reason);
    }

    [Fact]
    public void Keeps_a_trial_at_or_above_the_median_judging_by_its_best_not_its_last_value()
    {
        var atMedian = Running(5, 0.7, 0.1, 0.1);
        var above = Running(5, 0.2, 0.3, 0.75);

        Assert.False(new MedianScheduler().Decide(Study(ObjectiveDirection.Maximize, [.. Others, atMedian]), atMedian).ShouldPrune);
        var decision = new MedianScheduler().Decide(Study(ObjectiveDirection.Maximize, [.. Others, above]), above);
        Assert.False(decision.ShouldPrune);
        Assert.StartsWith("median: kept at epoch 3: best objective 0.75", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_prunes_within_the_warm_up_epochs()
    {
        var trial = Running(5, 0.1, 0.1, 0.1);
        var study = Study(ObjectiveDirection.Maximize, [.. Others, trial]);

        var decision = new MedianScheduler(warmUpSteps: 3).Decide(study, trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal("median: epoch 3 is within the 3 warm-up epochs", decision.Reason);
        Assert.True(new MedianScheduler(warmUpSteps: 2).Decide(study, trial).ShouldPrune);
    }

    [Fact]
    public void Waits_for_the_minimum_number_of_other_trials_at_that_epoch_not_counting_failed_or_shorter_ones()
    {
        var trial = Running(9, 0.1, 0.1, 0.1);
        var failed = Reporting(5, TrialState.Failed, 0.9, 0.9, 0.9);
        var shorter = Running(6, 0.9, 0.9);
        var study = Study(ObjectiveDirection.Maximize, [.. Others.Take(4), failed, shorter, trial]);

        var decision = new MedianScheduler(minTrials: 5).Decide(study, trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal("median: only 4 other trials reached epoch 3; it needs 5", decision.Reason);
        Assert.True(new MedianScheduler(minTrials: 4).Decide(study, trial).ShouldPrune);
    }

    [Fact]
    public void With_a_loss_to_minimise_a_higher_best_is_the_worse_one()
    {
        // Best losses by epoch 2: 0.4, 0.5, 0.6, 0.7, 0.8 (median 0.6).
        TrialRecord[] others = [.. new[] { 0.4, 0.5, 0.6, 0.7, 0.8 }.Select((best, i) => Running(i, best + 0.3, best))];
        var worse = Running(5, 0.9, 0.65);
        var better = Running(5, 0.55, 0.9);

        var pruned = new MedianScheduler().Decide(Study(ObjectiveDirection.Minimize, [.. others, worse]), worse);

        Assert.True(pruned.ShouldPrune);
        Assert.Equal("pruned by median at epoch 2: best objective 0.65 by epoch 2 against the median 0.6 of 5 other trials (min)", pruned.Reason);
        Assert.False(new MedianScheduler().Decide(Study(ObjectiveDirection.Minimize, [.. others, better]), better).ShouldPrune);
    }

    [Fact]
    public void A_trial_that_reported_nothing_goes_on()
    {
        var trial = new TrialRecord(5, new Configuration([]), TrialState.Running);

        var decision = new MedianScheduler().Decide(Study(ObjectiveDirection.Maximize, [.. Others, trial]), trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal(0, decision.Step);
    }
}
