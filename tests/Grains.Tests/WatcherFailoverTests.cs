using Orchestrator.Client;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Security;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Issue 16, item 11: `sweep watch` against real silo processes keeps watching when the silo it talks to is killed
/// with kill -9 while the sweep goes on. The killed silo is the only one, so for a while no gateway answers at all
/// (before the fix, the watch's next status call failed and the CLI exited 1); then a new silo starts, takes over
/// the sweep from Redis, and the watch must find it and follow the sweep to its end.
/// </summary>
public sealed class WatcherFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sweep_watch_survives_the_kill_of_its_gateway_silo_and_follows_the_sweep_on_a_new_silo_to_the_end()
    {
        const string id = "watch-failover";
        using var results = new TemporaryDirectory();
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 1, slots: 2);
        var host = await new ClusterEndpoint(null, RedisConnection.Parse(cluster.Redis)).ConnectAsync(TestContext.Current.CancellationToken);
        var client = ClusterEndpoint.ClientOf(host);
        var sweep = Synthetic.Sweep(id, """ "grid": { "seed": [0, 1, 2, 3], "batchSize": [2], "width": [2] }, "stopping": ["none"], "maxEpochs": 10, "probeSize": 256, "concurrency": 2 """);
        // The same definition again is a resubmission that reuses everything: retried when the silo is too loaded to answer in 10 s.
        await SweepMonitor.PatientlyAsync(id, () => client.GetGrain<ISweepCoordinatorGrain>(id).Submit(sweep), cancel: TestContext.Current.CancellationToken);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var watching = CliApplication.RunAsync(["sweep", "watch", id, "--redis", cluster.Redis, "--results", results.Path], stdout, stderr);
        await Synthetic.WaitAsync(client, id, s => s.Trials.Any(t => t.EpochsRun >= 1), TimeSpan.FromSeconds(120));
        Assert.False(watching.IsCompleted, stderr.ToString() + stdout);
        await host.StopAsync(TestContext.Current.CancellationToken);
        host.Dispose();
        cluster.KillSilo(cluster.Silos.Single().Port);
        output.WriteLine($"killed the only silo at {DateTime.UtcNow:HH:mm:ss.fff}");

        // Longer than the watch's resync interval, so it certainly calls while no gateway exists.
        await Task.Delay(SweepMonitor.ResyncInterval + TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(watching.IsCompleted, stderr.ToString() + stdout);
        await cluster.StartSiloAsync(slots: 2);
        output.WriteLine($"a new silo is ready at {DateTime.UtcNow:HH:mm:ss.fff}");

        var finished = await Task.WhenAny(watching, Task.Delay(TimeSpan.FromSeconds(300), TestContext.Current.CancellationToken));
        Assert.True(finished == watching, "the watch did not end: " + stderr + stdout);
        output.WriteLine(stdout.ToString());
        Assert.True(await watching == ExitCodes.Ok, stderr.ToString() + stdout);
        Assert.Contains("sweep finished", stdout.ToString(), StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(results.Path, id, "trials.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(4, rows.Count);
        using var again = await new ClusterEndpoint(null, RedisConnection.Parse(cluster.Redis)).ConnectAsync(TestContext.Current.CancellationToken);
        var status = await ClusterEndpoint.ClientOf(again).GetGrain<ISweepCoordinatorGrain>(id).GetStatus();
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));
    }
}
