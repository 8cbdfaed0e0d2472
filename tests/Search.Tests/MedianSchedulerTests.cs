using Orchestrator.Search.Schedulers;
using static Orchestrator.Search.Tests.ScriptedTrials;

namespace Orchestrator.Search.Tests;

// The rule is Optuna 3.1's MedianPruner (optuna/pruners/_percentile.py): completed trials only, their value at
// exactly the epoch (not their best so far), against the judged trial's best over every epoch it reported.
public sealed class MedianSchedulerTests
{
    // Five completed accuracy curves; their values AT epoch 3 are 0.45, 0.5, 0.6, 0.8, 0.3 (median 0.5), while
    // their best values BY epoch 3 are 0.5, 0.6, 0.8, 0.9, 0.3 (median 0.6): the two rules differ on a best of 0.55.
    private static readonly TrialRecord[] Completed =
    [
        Reporting(0, TrialState.Completed, 0.3, 0.5, 0.45, 0.6),
        Reporting(1, TrialState.Completed, 0.6, 0.4, 0.5, 0.7),
        Reporting(3, TrialState.Completed, 0.8, 0.7, 0.6, 0.9),
        Reporting(5, TrialState.Completed, 0.9, 0.85, 0.8, 0.95),
        Reporting(6, TrialState.Completed, 0.1, 0.2, 0.3, 0.4),
    ];

    // A pruned and a running trial, both far ahead at epoch 3: under the old rule (every other trial's best so far)
    // they lifted the median to 0.7; Optuna ignores them.
    private static readonly TrialRecord[] NotCompleted =
    [
        Reporting(2, TrialState.Pruned, 0.2, 0.5, 0.7),
        Running(4, 0.5, 0.7, 0.9),
    ];

    private static StudyHistory Maximising(IEnumerable<TrialRecord> others, TrialRecord trial) =>
        Study(ObjectiveDirection.Maximize, [.. others, trial]);

    [Fact]
    public void Prunes_a_trial_whose_best_is_below_the_median_of_the_completed_trials_values_at_that_epoch()
    {
        var trial = Running(7, 0.4, 0.45, 0.42);

        var decision = new MedianScheduler().Decide(Maximising([.. Completed, .. NotCompleted], trial), trial);

        Assert.True(decision.ShouldPrune);
        Assert.Equal(3, decision.Step);
        Assert.Equal("pruned by median at epoch 3: best objective 0.45 by epoch 3 against the median 0.5 of 5 completed trials at epoch 3 (max)", decision.Reason);
    }

    [Fact]
    public void Compares_with_the_completed_trials_values_at_the_epoch_not_their_best_so_far()
    {
        // 0.55 is below the median of the completed trials' best so far (0.6) and of every other trial's (0.7),
        // but not below the median of their values at epoch 3 (0.5): Optuna keeps it, and so do we.
        var trial = Running(7, 0.3, 0.55, 0.5);

        var decision = new MedianScheduler().Decide(Maximising([.. Completed, .. NotCompleted], trial), trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal("median: kept at epoch 3: best objective 0.55 by epoch 3 against the median 0.5 of 5 completed trials at epoch 3 (max)", decision.Reason);
    }

    [Fact]
    public void Pruned_running_and_failed_trials_values_never_count()
    {
        var trial = Running(9, 0.4, 0.48, 0.47);
        TrialRecord[] manyBehind =
        [
            Reporting(10, TrialState.Pruned, 0.1, 0.1, 0.1),
            Reporting(11, TrialState.Pruned, 0.1, 0.1, 0.1),
            Reporting(12, TrialState.Pruned, 0.1, 0.1, 0.1),
            Running(13, 0.1, 0.1, 0.1),
            Reporting(14, TrialState.Failed, 0.1, 0.1, 0.1),
        ];

        var alone = new MedianScheduler().Decide(Maximising(Completed, trial), trial);
        var withOthers = new MedianScheduler().Decide(Maximising([.. Completed, .. NotCompleted, .. manyBehind], trial), trial);

        // Counting the five trials behind (0.1 each) would drop the median to 0.3 and keep the trial.
        Assert.True(alone.ShouldPrune);
        Assert.Equal(alone, withOthers);
    }

    [Fact]
    public void Only_completed_trials_that_reported_at_that_epoch_give_a_value_and_an_even_count_takes_the_midpoint()
    {
        // Hand-computed from Optuna's rule: six completed trials, two of which ended at epoch 2 (say TOP stopped them):
        // they count towards the five start-up trials but give no value at epoch 3. Values at epoch 3:
        // 0.45, 0.5, 0.6, 0.8 → numpy's 50th percentile (linear) = (0.5 + 0.6) / 2 = 0.55.
        TrialRecord[] completed =
        [
            Reporting(0, TrialState.Completed, 0.3, 0.5, 0.45),
            Reporting(1, TrialState.Completed, 0.6, 0.4, 0.5),
            Reporting(2, TrialState.Completed, 0.8, 0.7, 0.6),
            Reporting(3, TrialState.Completed, 0.9, 0.85, 0.8),
            Reporting(4, TrialState.Completed, 0.95, 0.99),
            Reporting(5, TrialState.Completed, 0.98, 0.97),
        ];
        var below = Running(6, 0.3, 0.54, 0.5);
        var atMedian = Running(6, 0.3, 0.55, 0.5);

        var pruned = new MedianScheduler().Decide(Maximising(completed, below), below);

        Assert.True(pruned.ShouldPrune);
        Assert.Equal("pruned by median at epoch 3: best objective 0.54 by epoch 3 against the median 0.55 of 4 completed trials at epoch 3 (max)", pruned.Reason);
        Assert.False(new MedianScheduler().Decide(Maximising(completed, atMedian), atMedian).ShouldPrune);
    }

    [Fact]
    public void Waits_until_the_minimum_number_of_trials_have_completed_however_many_others_run_or_were_pruned()
    {
        var trial = Running(9, 0.1, 0.1, 0.1);
        var study = Maximising([.. Completed.Take(4), .. NotCompleted, Reporting(8, TrialState.Pruned, 0.9, 0.9, 0.9)], trial);

        var decision = new MedianScheduler(minTrials: 5).Decide(study, trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal("median: only 4 trials completed; it needs 5", decision.Reason);
        Assert.True(new MedianScheduler(minTrials: 4).Decide(study, trial).ShouldPrune);
    }

    [Fact]
    public void Never_prunes_within_the_warm_up_epochs()
    {
        var trial = Running(7, 0.1, 0.1, 0.1);
        var study = Maximising(Completed, trial);

        var decision = new MedianScheduler(warmUpSteps: 3).Decide(study, trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal("median: epoch 3 is within the 3 warm-up epochs", decision.Reason);
        Assert.True(new MedianScheduler(warmUpSteps: 2).Decide(study, trial).ShouldPrune);
    }

    [Fact]
    public void Checks_only_every_interval_epochs_after_the_warm_up_and_catches_up_on_a_missed_check()
    {
        // intervalSteps 2, no warm-up: Optuna's checks are at its steps 0, 2, 4 = our epochs 1, 3, 5.
        var scheduler = new MedianScheduler(intervalSteps: 2);
        var atThree = Running(7, 0.1, 0.1, 0.1);
        var atFour = Running(7, 0.1, 0.1, 0.1, 0.1);

        Assert.True(scheduler.Decide(Maximising(Completed, atThree), atThree).ShouldPrune);
        var skipped = scheduler.Decide(Maximising(Completed, atFour), atFour);
        Assert.False(skipped.ShouldPrune);
        Assert.Equal("median: epoch 4 is not a check (every 2 epochs after the 0 warm-up epochs)", skipped.Reason);

        // Reports at epochs 1, 2 and 4 (none at 3): the check due at epoch 3 happens at epoch 4.
        var missedThree = new TrialRecord(7, new Configuration([]), TrialState.Running)
        {
            Reports = [new(1, 0.1), new(2, 0.1), new(4, 0.1)],
        };
        Assert.True(scheduler.Decide(Maximising(Completed, missedThree), missedThree).ShouldPrune);
    }

    [Fact]
    public void Keeps_a_trial_judging_by_its_best_not_its_last_value()
    {
        var fellBack = Running(7, 0.3, 0.6, 0.1);

        var decision = new MedianScheduler().Decide(Maximising(Completed, fellBack), fellBack);

        Assert.False(decision.ShouldPrune);
        Assert.StartsWith("median: kept at epoch 3: best objective 0.6", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_loss_to_minimise_a_higher_best_is_the_worse_one()
    {
        // Completed losses at epoch 2: 0.4, 0.5, 0.6, 0.7, 0.8 (median 0.6).
        TrialRecord[] others = [.. new[] { 0.4, 0.5, 0.6, 0.7, 0.8 }.Select((loss, i) => Reporting(i, TrialState.Completed, loss + 0.3, loss))];
        var worse = Running(5, 0.9, 0.65);
        var better = Running(5, 0.55, 0.9);

        var pruned = new MedianScheduler().Decide(Study(ObjectiveDirection.Minimize, [.. others, worse]), worse);

        Assert.True(pruned.ShouldPrune);
        Assert.Equal("pruned by median at epoch 2: best objective 0.65 by epoch 2 against the median 0.6 of 5 completed trials at epoch 2 (min)", pruned.Reason);
        Assert.False(new MedianScheduler().Decide(Study(ObjectiveDirection.Minimize, [.. others, better]), better).ShouldPrune);
    }

    [Fact]
    public void A_trial_with_no_finite_objective_is_pruned_as_Optuna_does()
    {
        var trial = Running(7, double.NaN, double.NaN, double.NaN);

        var decision = new MedianScheduler().Decide(Maximising(Completed, trial), trial);

        Assert.True(decision.ShouldPrune);
        Assert.Equal("pruned by median at epoch 3: no finite objective by epoch 3", decision.Reason);
    }

    [Fact]
    public void A_trial_that_reported_nothing_goes_on()
    {
        var trial = new TrialRecord(7, new Configuration([]), TrialState.Running);

        var decision = new MedianScheduler().Decide(Maximising(Completed, trial), trial);

        Assert.False(decision.ShouldPrune);
        Assert.Equal(0, decision.Step);
    }
}
