using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

public sealed class TrialSchedulerTests
{
    private static TrialStatus Trial(int i, TrialState state) => new()
    {
        Spec = new TrialSpec { Id = $"t{i}", SweepId = "s", Dataset = "synthetic", Model = "m", Stopping = new StoppingMethod { Name = "none" } },
        State = state,
    };

    [Fact]
    public void Every_free_slot_gets_the_earliest_pending_trial()
    {
        TrialStatus[] trials = [Trial(0, TrialState.Completed), Trial(1, TrialState.Running), Trial(2, TrialState.Pending), Trial(3, TrialState.Pending), Trial(4, TrialState.Pending)];
        var next = TrialScheduler.NextToStart(trials, concurrency: 3);
        Assert.Equal(["t2", "t3"], next.Select(s => s.Id));
    }

    [Fact]
    public void Nothing_starts_when_all_slots_are_busy()
    {
        TrialStatus[] trials = [Trial(0, TrialState.Running), Trial(1, TrialState.Running), Trial(2, TrialState.Pending)];
        Assert.Empty(TrialScheduler.NextToStart(trials, concurrency: 2));
    }

    [Fact]
    public void Fewer_pending_trials_than_slots_all_start()
    {
        TrialStatus[] trials = [Trial(0, TrialState.Pending), Trial(1, TrialState.Diverged)];
        Assert.Equal(["t0"], TrialScheduler.NextToStart(trials, concurrency: 4).Select(s => s.Id));
    }

    [Fact]
    public void A_pruned_trial_whose_run_took_the_cancel_stays_pruned_with_its_reason()
    {
        var held = Trial(0, TrialState.Pruned) with { Reason = "pruned by asha at rung 1 (epoch 2)", StopEpoch = 2 };
        var merged = TrialScheduler.Merge(held, Trial(0, TrialState.Cancelled) with { EpochsRun = 3 });

        Assert.Equal(TrialState.Pruned, merged.State);
        Assert.Equal(held.Reason, merged.Reason);
        Assert.Equal(3, merged.EpochsRun);
    }

    [Fact]
    public void A_run_that_ended_by_itself_before_the_prune_reached_it_keeps_its_own_end()
    {
        // Seen with millisecond epochs: the run completed all its epochs while the coordinator was deciding.
        var held = Trial(0, TrialState.Pruned) with { Reason = "pruned by asha at rung 1 (epoch 2)", StopEpoch = 2 };
        var completed = Trial(0, TrialState.Completed) with { Reason = "reached max epochs (12)", EpochsRun = 12, StopEpoch = 12 };

        Assert.Same(completed, TrialScheduler.Merge(held, completed));
    }

    [Fact]
    public void A_stale_running_report_does_not_reopen_a_finished_trial()
    {
        var held = Trial(0, TrialState.Stopped);
        Assert.Same(held, TrialScheduler.Merge(held, Trial(0, TrialState.Running)));
        var final = Trial(0, TrialState.Completed);
        Assert.Same(final, TrialScheduler.Merge(Trial(0, TrialState.Running), final));
    }
}
