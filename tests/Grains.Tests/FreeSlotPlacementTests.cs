using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Issue 16, item 12, on a real two-silo Orleans cluster (TestingHost) whose silos have one training slot each:
/// trials go where a slot is free, never two on one silo while the other is idle.
/// </summary>
public sealed class FreeSlotPlacementTests : IAsyncLifetime
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(OrchestratorStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = _checkpoints;
                o.Slots = 1;
                o.WatchdogPeriod = TimeSpan.FromMilliseconds(500);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Two_trials_with_concurrency_two_on_two_one_slot_silos_run_one_per_silo_every_time()
    {
        var client = _cluster.Client;
        for (var round = 0; round < 5; round++)
        {
            var id = $"placement-{round}";
            var sweep = Synthetic.Sweep(id, """ "grid": { "seed": [0, 1] }, "stopping": ["none"], "maxEpochs": 3, "concurrency": 2 """);
            await client.GetGrain<ISweepCoordinatorGrain>(id).Submit(sweep);

            // Both trials are running (each has trained an epoch, so each holds its slot): on which silos?
            var running = await Synthetic.WaitAsync(client, id, s => s.Trials.All(t => t.State.IsFinal() || (t.State == TrialState.Running && t.EpochsRun >= 1)), TimeSpan.FromSeconds(60));
            var silos = running.Trials.Select(t => t.Silo).ToList();
            Assert.True(silos.Distinct().Count() == 2, $"round {round}: both trials on {string.Join(", ", silos)}");

            var done = await Synthetic.WaitAsync(client, id, Synthetic.Done, TimeSpan.FromSeconds(60));
            Assert.All(done.Trials, t => Assert.Equal(TrialState.Completed, t.State));
            Assert.All(done.Trials, t => Assert.Equal(0, t.Restarts));
        }
    }
}
