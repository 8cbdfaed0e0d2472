using Orchestrator.Search.Schedulers;
using static Orchestrator.Search.Tests.ScriptedTrials;

namespace Orchestrator.Search.Tests;

public sealed class AshaSchedulerTests
{
    [Fact]
    public void Rungs_are_the_grace_period_times_powers_of_the_reduction_factor()
    {
        var asha = new AshaScheduler(gracePeriod: 1, reductionFactor: 3);
        var other = new AshaScheduler(gracePeriod: 2, reductionFactor: 2);

        Assert.Equal([1, 3, 9, 27], Enumerable.Range(1, 30).Where(s => asha.RungAt(s) > 0));
        Assert.Equal([1, 2, 3, 4], new[] { 1, 3, 9, 27 }.Select(asha.RungAt));
        Assert.Equal([2, 4, 8, 16], Enumerable.Range(1, 30).Where(s => other.RungAt(s) > 0));
    }

    [Fact]
    public void Prunes_a_trial_outside_the_top_third_of_those_that_reached_the_rung_saying_why()
    {
        // Six other trials reached epoch 9 with 0.9, 0.78, 0.75, 0.74, 0.6, 0.5; with this one that is 7,
        // so ⌊7/3⌋ = 2 go on and the cut-off is the second best, 0.78.
        TrialRecord[] others = [.. new[] { 0.9, 0.78, 0.75, 0.74, 0.6, 0.5 }.Select((v, i) => Curve(i, TrialState.Completed, 9, v))];
        var trial = Curve(6, TrialState.Running, 9, 0.71);

        var decision = new AshaScheduler(gracePeriod: 1, reductionFactor: 3).Decide(Study(ObjectiveDirection.Maximize, [.. others, trial]), trial);

        Assert.True(decision.ShouldPrune);
        Assert.Equal(9, decision.Step);
        Assert.Equal("pruned by asha at rung 3 (epoch 9): objective 0.71 not in the top 1/3 of 7 trials (cut-off 0.78, max)", decision.Reason);
    }

    [Fact]
    public void Promotes_a_trial_in_the_top_share_and_ties_with_the_cut_off_go_on()
    {
        TrialRecord[] others = [.. new[] { 0.9, 0.78, 0.75, 0.74, 0.6, 0.5 }.Select((v, i) => Curve(i, TrialState.Completed, 9, v))];
        var best = Curve(6, TrialState.Running, 9, 0.95);
        var tie = Curve(6, TrialState.Running, 9, 0.78);
        var asha = new AshaScheduler(gracePeriod: 1, reductionFactor: 3);

        var promoted = asha.Decide(Study(ObjectiveDirection.Maximize, [.. others, best]), best);

        Assert.False(promoted.ShouldPrune);
        Assert.Equal("asha: promoted at rung 3 (epoch 9): objective 0.95 in the top 1/3 of 7 trials (cut-off 0.9, max)", promoted.Reason);
        Assert.False(asha.Decide(Study(ObjectiveDirection.Maximize, [.. others, tie]), tie).ShouldPrune);
    }

    [Fact]
    public void Only_rungs_prune_and_the_first_trial_at_a_rung_always_goes_on()
    {
        var asha = new AshaScheduler(gracePeriod: 2, reductionFactor: 2);
        var leader = Curve(0, TrialState.Running, 4, 0.9);
        var laggard = Curve(1, TrialState.Running, 3, 0.1);

        // Epoch 3 is between rungs 2 and 4: however far behind, nothing is decided there.
        var between = asha.Decide(Study(ObjectiveDirection.Maximize, leader, laggard), laggard);
        Assert.False(between.ShouldPrune);
        Assert.Equal("asha: epoch 3 is not a rung", between.Reason);

        // Alone at rung 2 (epoch 4), the leader is its own top half.
        Assert.False(asha.Decide(Study(ObjectiveDirection.Maximize, leader, Curve(1, TrialState.Running, 3, 0.1)), leader).ShouldPrune);
    }

    [Fact]
    public void An_early_arrival_at_a_rung_is_judged_only_against_those_already_there()
    {
        // Optuna's rule: with fewer than η trials at a rung the single best goes on, so the second arrival
        // goes on only if it beats the first.
        var asha = new AshaScheduler(gracePeriod: 1, reductionFactor: 3);
        var first = Curve(0, TrialState.Running, 3, 0.8);
        var worse = Curve(1, TrialState.Running, 3, 0.7);
        var better = Curve(1, TrialState.Running, 3, 0.85);

        Assert.True(asha.Decide(Study(ObjectiveDirection.Maximize, first, worse), worse).ShouldPrune);
        Assert.False(asha.Decide(Study(ObjectiveDirection.Maximize, first, better), better).ShouldPrune);
    }

    [Fact]
    public void With_a_loss_to_minimise_the_lowest_values_go_on()
    {
        TrialRecord[] others = [.. new[] { 0.2, 0.3, 0.4, 0.5, 0.6 }.Select((v, i) => Curve(i, TrialState.Completed, 3, v))];
        var worse = Curve(5, TrialState.Running, 3, 0.35);
        var better = Curve(5, TrialState.Running, 3, 0.25);
        var asha = new AshaScheduler(gracePeriod: 1, reductionFactor: 3);

        var pruned = asha.Decide(Study(ObjectiveDirection.Minimize, [.. others, worse]), worse);

        Assert.True(pruned.ShouldPrune);
        Assert.Equal("pruned by asha at rung 2 (epoch 3): objective 0.35 not in the top 1/3 of 6 trials (cut-off 0.3, min)", pruned.Reason);
        Assert.False(asha.Decide(Study(ObjectiveDirection.Minimize, [.. others, better]), better).ShouldPrune);
    }

    [Fact]
    public void Failed_trials_do_not_compete_at_a_rung()
    {
        var asha = new AshaScheduler(gracePeriod: 1, reductionFactor: 2);
        var failed = Curve(0, TrialState.Failed, 2, 0.99);
        var trial = Curve(1, TrialState.Running, 2, 0.5);

        Assert.False(asha.Decide(Study(ObjectiveDirection.Maximize, failed, trial), trial).ShouldPrune);
    }

    /// <summary>A trial that reported <paramref name="valueAtEnd"/> at <paramref name="epochs"/> (and 0.5 before).</summary>
    private static TrialRecord Curve(int number, TrialState state, int epochs, double valueAtEnd) =>
        Reporting(number, state, [.. Enumerable.Repeat(0.5, epochs - 1), valueAtEnd]);
}
