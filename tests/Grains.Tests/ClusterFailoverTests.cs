using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_sweep_on_a_two_silo_redis_cluster_is_listed_and_every_trial_ends()
    {
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 2, slots: 1);
        using var host = await new ClusterEndpoint(null, Orchestrator.Security.RedisConnection.Parse(cluster.Redis)).ConnectAsync(TestContext.Current.CancellationToken);
        var client = ClusterEndpoint.ClientOf(host);
        var sweep = Synthetic.Sweep("two-silos", """ "grid": { "seed": [0, 1, 2] }, "stopping": ["none"], "maxEpochs": 2, "concurrency": 2 """);
        await client.GetGrain<ISweepCoordinatorGrain>("two-silos").Submit(sweep);
        var status = await Synthetic.WaitAsync(client, "two-silos", Synthetic.Done, TimeSpan.FromSeconds(120));
        Assert.Equal(TrialExpansion.Expand(sweep).Select(t => t.Id).Order(), status.Trials.Select(t => t.Spec.Id).Order());
        Assert.All(status.Trials, t => Assert.NotEqual(string.Empty, t.Reason));
        Assert.Contains("two-silos", await client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Killing_a_silo_mid_sweep_resumes_its_trials_from_checkpoint_and_every_trial_ends_once()
    {
        // Two slots per silo, so the survivor has room for the resumed trial at once (the measured time is failover, not queueing).
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 2, slots: 2);
        using var host = await new ClusterEndpoint(null, Orchestrator.Security.RedisConnection.Parse(cluster.Redis)).ConnectAsync(CancellationToken.None);
        var client = ClusterEndpoint.ClientOf(host);
        var sweep = Synthetic.Sweep("failover", """ "grid": { "seed": [0, 1, 2, 3], "batchSize": [2], "width": [2] }, "stopping": ["none"], "maxEpochs": 10, "probeSize": 256, "concurrency": 2 """);
        var total = Stopwatch.StartNew();
        await client.GetGrain<ISweepCoordinatorGrain>("failover").Submit(sweep);

        var victim = (await PollAsync(client, s => s.Trials.FirstOrDefault(t => t.State == TrialState.Running && t.EpochsRun is >= 2 and <= 5 && t.Silo.Length > 0), TimeSpan.FromSeconds(120)))!;
        var victimPort = cluster.Silos.Single(s => victim.Silo.Contains(":" + s.Port.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal)).Port;
        cluster.KillSilo(victimPort);
        var killedAt = total.Elapsed;
        var killedAtUtc = DateTime.UtcNow;

        var reactivated = await PollAsync(client, s => s.Trials.FirstOrDefault(t => t.Spec.Id == victim.Spec.Id && t.Restarts > 0), TimeSpan.FromSeconds(120));
        var reactivatedAfter = reactivated!.LastRestartAt!.Value - killedAtUtc;
        var clientSawAt = total.Elapsed;
        var resumed = await PollAsync(client, s => s.Trials.FirstOrDefault(t => t.Spec.Id == victim.Spec.Id && t.Restarts > 0 && t.ResumedFromEpoch > 0), TimeSpan.FromSeconds(120));
        var resumedAt = total.Elapsed;
        var status = (await PollAsync(client, s => Synthetic.Done(s) ? s : null, TimeSpan.FromSeconds(300)))!;
        output.WriteLine($"killed silo {victimPort} at {killedAt.TotalSeconds:F1} s (trial {victim.Spec.Id} at epoch {victim.EpochsRun}); reactivated on the other silo {reactivatedAfter.TotalSeconds:F1} s after the kill (silo clock; the client saw it {(clientSawAt - killedAt).TotalSeconds:F1} s after), training again from the epoch-{resumed!.ResumedFromEpoch} checkpoint after {(resumedAt - killedAt).TotalSeconds:F1} s; sweep done at {total.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(TrialExpansion.Expand(sweep).Select(t => t.Id).Order(), status.Trials.Select(t => t.Spec.Id).Order());
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        var victimFinal = status.Trials.Single(t => t.Spec.Id == victim.Spec.Id);
        Assert.True(victimFinal.Restarts >= 1);
        Assert.True(victimFinal.ResumedFromEpoch >= 1);
        foreach (var trial in status.Trials)
        {
            var series = await client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.Equal(Enumerable.Range(1, sweep.MaxEpochs), series.Select(r => r.Epoch));
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<T?> PollAsync<T>(IClusterClient client, Func<SweepStatus, T?> pick, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await client.GetGrain<ISweepCoordinatorGrain>("failover").GetStatus();
                if (pick(status) is { } found)
                {
                    return found;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // The coordinator lived on the killed silo: it comes back once the silo is declared dead.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("condition not reached in " + timeout);
    }
}
