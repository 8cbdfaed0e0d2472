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
    public void A_stale_running_report_does_not_reopen_a_finished_trial()
    {
        var held = Trial(0, TrialState.Stopped);
        Assert.Same(held, TrialScheduler.Merge(held, Trial(0, TrialState.Running)));
        var final = Trial(0, TrialState.Completed);
        Assert.Same(final, TrialScheduler.Merge(Trial(0, TrialState.Running), final));
    }
}
