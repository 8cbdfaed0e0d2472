using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Issue 16, item 6: when the cluster loses a sweep while it is watched (its stored state is gone and the
/// coordinator comes back without it: a Redis restarted without its data), the watch fails with
/// <see cref="ClusterUnavailableException"/> and nothing is written. Before, the watch took the unknown, trial-less
/// status for a finished sweep: the CLI wrote an empty result and exited 0.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LostSweepWatchTests(TestClusterFixture fixture)
{
    private sealed class Progress : ISweepProgress
    {
        public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnStatus(SweepStatus status)
        {
            if (status.Trials.Any(t => t.State == TrialState.Running))
            {
                Running.TrySetResult();
            }
        }

        public void OnEpoch(string trialId, EpochRecord record) => Running.TrySetResult();
    }

    [Fact]
    public async Task A_watch_whose_sweep_the_cluster_lost_fails_and_writes_nothing()
    {
        const string SweepId = "lost-while-watched";
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>(SweepId);
        var submitted = await coordinator.Submit(Synthetic.Sweep(SweepId, """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 10000, "concurrency": 1 """));
        var progress = new Progress();
        var watch = new SweepMonitor(fixture.Client).WatchAsync(SweepId, progress, CancellationToken.None, WatchStop.Detach);
        await progress.Running.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // What a Redis restart without its data does to a sweep: its stored state is gone, and the coordinator's next
        // activation (on another silo, after a deactivation) starts from nothing.
        var storage = ((InProcessSiloHandle)fixture.Cluster.Silos[0]).ServiceProvider.GetRequiredKeyedService<IGrainStorage>(OrchestratorStorage.Name);
        var held = new GrainState<SweepCoordinatorState>();
        var id = GrainId.Create("sweepcoordinator", SweepId);
        await storage.ReadStateAsync("sweep", id, held);
        Assert.True(held.RecordExists);
        await storage.ClearStateAsync("sweep", id, held);
        await fixture.Cluster.DeactivateAsync(coordinator);

        var lost = await Assert.ThrowsAsync<ClusterUnavailableException>(() => watch.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Contains($"sweep {SweepId} is gone from the cluster", lost.Message, StringComparison.Ordinal);

        // Exporting it is refused too: an unknown sweep's empty folder never passes for a result.
        var results = Path.Combine(fixture.CheckpointDirectory, "results-" + Guid.NewGuid().ToString("N"));
        var unknown = await coordinator.GetStatus();
        Assert.Equal(SweepState.Unknown, unknown.State);
        await Assert.ThrowsAsync<ClusterUnavailableException>(() => SweepOutcome.WriteAsync(fixture.Client, new SweepWatch(unknown, Cancelled: false), results));
        Assert.False(Directory.Exists(results));

        await fixture.Client.GetGrain<ITrainingRunGrain>(submitted.Trials[0].Spec.GrainKey).Cancel("test over");
    }
}
