using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Security;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Issue 16, item 12 (second half), on two real silo processes with one slot each: a trial that was only waiting for
/// a slot on a silo that is killed moves to the survivor without being counted as restarted; the trial that was
/// training there is counted once.
/// </summary>
public sealed class WaitingTrialRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_trial_waiting_for_a_slot_on_a_killed_silo_is_not_counted_as_a_restart()
    {
        const string id = "waiting-restart";
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 2, slots: 1);
        using var host = await new ClusterEndpoint(null, RedisConnection.Parse(cluster.Redis)).ConnectAsync(TestContext.Current.CancellationToken);
        var client = ClusterEndpoint.ClientOf(host);
        var sweep = Synthetic.Sweep(id, """ "grid": { "seed": [0, 1, 2], "batchSize": [2], "width": [2] }, "stopping": ["none"], "maxEpochs": 120, "probeSize": 256, "concurrency": 3 """);
        await client.GetGrain<ISweepCoordinatorGrain>(id).Submit(sweep);

        // Two trials train (one per silo); the third waits for a slot on one of them.
        var status = await Synthetic.WaitAsync(client, id, s => s.Trials.Count(t => t.EpochsRun >= 1) == 2 && s.Trials.Count(t => t.State == TrialState.Running && t.EpochsRun == 0 && t.Silo.Length > 0) == 1, TimeSpan.FromSeconds(120));
        var waiting = status.Trials.Single(t => t.EpochsRun == 0);
        var training = status.Trials.Single(t => t.EpochsRun >= 1 && t.Silo == waiting.Silo);
        var port = cluster.Silos.Single(s => waiting.Silo.Contains(":" + s.Port.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal)).Port;
        cluster.KillSilo(port);
        output.WriteLine($"killed silo {port}: {training.Spec.Id} was training there (epoch {training.EpochsRun}), {waiting.Spec.Id} waiting for its slot");

        var done = await PollAsync(client, id, Synthetic.Done, TimeSpan.FromSeconds(300));
        foreach (var trial in done.Trials)
        {
            output.WriteLine($"{trial.Spec.Id}: {trial.State}, restarts {trial.Restarts}, resumed from epoch {trial.ResumedFromEpoch}");
        }

        Assert.All(done.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal(0, done.Trials.Single(t => t.Spec.Id == waiting.Spec.Id).Restarts);
        Assert.Equal(1, done.Trials.Single(t => t.Spec.Id == training.Spec.Id).Restarts);
    }

    private static async Task<SweepStatus> PollAsync(IClusterClient client, string id, Func<SweepStatus, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var status = await client.GetGrain<ISweepCoordinatorGrain>(id).GetStatus();
                if (until(status))
                {
                    return status;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // The coordinator may have lived on the killed silo: it comes back on the next call.
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep {id} did not finish within {timeout}");
            await Task.Delay(250);
        }
    }
}
