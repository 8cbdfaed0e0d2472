using System.Collections.Concurrent;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

/// <summary>The push path: the coordinator fans trial changes and epochs out to subscribed observers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepObserverTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>An observer that records what is pushed to it.</summary>
    private sealed class RecordingObserver : ISweepObserver
    {
        public ConcurrentQueue<(string TrialId, EpochRecord Record)> Epochs { get; } = new();

        public ConcurrentQueue<TrialStatus> Changes { get; } = new();

        public TaskCompletionSource FirstEpoch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnTrialChanged(TrialStatus status) => Changes.Enqueue(status);

        public void OnEpoch(string trialId, EpochRecord record)
        {
            Epochs.Enqueue((trialId, record));
            FirstEpoch.TrySetResult();
        }
    }

    /// <summary>A front end's progress sink that records what the monitor reports.</summary>
    private sealed class RecordingProgress : ISweepProgress
    {
        public ConcurrentQueue<SweepStatus> Statuses { get; } = new();

        public ConcurrentQueue<(string TrialId, EpochRecord Record)> Epochs { get; } = new();

        public TaskCompletionSource Watching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FirstEpoch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnStatus(SweepStatus status)
        {
            Statuses.Enqueue(status);
            Watching.TrySetResult();
        }

        public void OnEpoch(string trialId, EpochRecord record)
        {
            Epochs.Enqueue((trialId, record));
            FirstEpoch.TrySetResult();
        }
    }

    /// <summary>A finished one-trial sweep, its trial and the trial's first recorded epoch.</summary>
    private async Task<(ISweepCoordinatorGrain Coordinator, TrialStatus Trial, EpochRecord Record)> FinishedTrialAsync(string sweepId)
    {
        var sweep = Synthetic.Sweep(sweepId, """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId);
        await coordinator.Submit(sweep);
        var trial = (await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout)).Trials.Single();
        var record = (await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries())[0];
        return (coordinator, trial, record);
    }

    [Fact]
    public async Task An_epoch_reported_to_the_coordinator_reaches_a_subscribed_observer_unchanged()
    {
        var (coordinator, trial, record) = await FinishedTrialAsync("observed");
        var observer = new RecordingObserver();
        var reference = fixture.Client.CreateObjectReference<ISweepObserver>(observer);
        await coordinator.Subscribe(reference);

        await coordinator.ReportEpoch(trial, record);
        await observer.FirstEpoch.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var (trialId, received) = Assert.Single(observer.Epochs);
        Assert.Equal(trial.Spec.Id, trialId);
        Assert.Equal(record, received);
        // The status that came with the epoch is fanned out as a trial change too.
        var changeDeadline = DateTime.UtcNow + Timeout;
        while (observer.Changes.IsEmpty && DateTime.UtcNow < changeDeadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(trial.Spec.Id, Assert.Single(observer.Changes).Spec.Id);
        await coordinator.Unsubscribe(reference);
        fixture.Client.DeleteObjectReference<ISweepObserver>(reference);
    }

    [Fact]
    public async Task An_unsubscribed_observer_receives_nothing_more()
    {
        var (coordinator, trial, record) = await FinishedTrialAsync("unsubscribed");
        var gone = new RecordingObserver();
        var staying = new RecordingObserver();
        var goneReference = fixture.Client.CreateObjectReference<ISweepObserver>(gone);
        var stayingReference = fixture.Client.CreateObjectReference<ISweepObserver>(staying);
        await coordinator.Subscribe(goneReference);
        await coordinator.Subscribe(stayingReference);
        await coordinator.Unsubscribe(goneReference);

        await coordinator.ReportEpoch(trial, record);
        await staying.FirstEpoch.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await coordinator.GetStatus();

        Assert.Empty(gone.Epochs);
        Assert.Empty(gone.Changes);
        fixture.Client.DeleteObjectReference<ISweepObserver>(goneReference);
        fixture.Client.DeleteObjectReference<ISweepObserver>(stayingReference);
    }

    [Fact]
    public async Task A_watching_monitor_receives_each_epoch_the_run_grain_records_as_it_happens()
    {
        var sweep = Synthetic.Sweep("pushed", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1000 """);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("pushed");
        await coordinator.Submit(sweep);
        var progress = new RecordingProgress();
        using var stop = new CancellationTokenSource();

        var watch = new SweepMonitor(fixture.Client).WatchAsync("pushed", progress, stop.Token);
        await progress.Watching.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        // No one reports epochs by hand here: the run grain pushes each record through the coordinator.
        var deadline = DateTime.UtcNow + Timeout;
        while (progress.Epochs.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        var result = await watch.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var trial = Assert.Single(result.Status.Trials);
        var pushed = progress.Epochs.ToList();
        Assert.True(pushed.Count >= 3, $"only {pushed.Count} epochs were pushed");
        Assert.All(pushed, p => Assert.Equal(trial.Spec.Id, p.TrialId));
        // One-way pushes may overtake each other; each epoch arrives once and equals what the topology grain recorded.
        Assert.Equal(pushed.Count, pushed.Select(p => p.Record.Epoch).Distinct().Count());
        var recorded = (await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries()).ToDictionary(r => r.Epoch);
        Assert.All(pushed, p => Assert.Equal(recorded[p.Record.Epoch], p.Record));
        Assert.True(result.Cancelled);
        Assert.Equal(TrialState.Cancelled, trial.State);
    }
}
