using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Issue 16, item 14: `sweep delete` removes the keys a sweep's grains wrote to Redis (coordinator, per-trial
/// records, run and topology state, registry entry) and no other; a running sweep is refused. Before, keys were
/// never deleted (418 keys after 6 sweeps).
/// </summary>
public sealed class SweepDeleteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deleting_a_finished_sweep_removes_its_redis_keys_and_keeps_every_other_sweeps()
    {
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 1, slots: 2);
        using var host = await new ClusterEndpoint(null, Orchestrator.Security.RedisConnection.Parse(cluster.Redis)).ConnectAsync(CancellationToken.None);
        var client = ClusterEndpoint.ClientOf(host);
        foreach (var name in new[] { "doomed", "kept" })
        {
            await Synthetic.SubmitPatientlyAsync(client, name, Synthetic.Sweep(name, """ "grid": { "seed": [0, 1, 2] }, "stopping": ["none"], "maxEpochs": 2, "concurrency": 2 """));
            await Synthetic.WaitAsync(client, name, Synthetic.Done, TimeSpan.FromSeconds(120));
        }

        var before = await cluster.KeysAsync();
        var doomedKeys = before.Where(k => k.Contains("/doomed", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{before.Count} keys before, of which {doomedKeys.Count} name 'doomed':{Environment.NewLine}{string.Join(Environment.NewLine, doomedKeys)}");
        // The coordinator, 3 trial records, 3 run and 3 topology states.
        Assert.Equal(10, doomedKeys.Count);

        var running = Synthetic.Sweep("busy", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 10000, "concurrency": 1 """);
        await Synthetic.SubmitPatientlyAsync(client, "busy", running);
        var refused = await Assert.ThrowsAsync<SweepRejectedException>(() => client.GetGrain<ISweepCoordinatorGrain>("busy").Delete());
        Assert.Contains("cancel it first", refused.Message, StringComparison.Ordinal);

        Assert.Equal(3, await client.GetGrain<ISweepCoordinatorGrain>("doomed").Delete());

        var after = await cluster.KeysAsync();
        Assert.DoesNotContain(after, k => k.Contains("/doomed", StringComparison.Ordinal));
        // Nothing else went: every other key of before is still there.
        Assert.Empty(before.Except(doomedKeys).Except(after));
        Assert.DoesNotContain("doomed", await client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List());
        Assert.Contains("kept", await client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List());
        Assert.Equal(SweepState.Unknown, (await client.GetGrain<ISweepCoordinatorGrain>("doomed").GetStatus()).State);
        Assert.Equal(3, (await client.GetGrain<ISweepCoordinatorGrain>("kept").GetStatus()).Trials.Length);
        await client.GetGrain<ISweepCoordinatorGrain>("busy").Cancel();
        await host.StopAsync(CancellationToken.None);
    }
}
