using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts;
using Orchestrator.Grains;
using Orchestrator.Sweeps;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Spectre.Console;
using StackExchange.Redis;

namespace Orchestration.Bench;

/// <summary>
/// Issue 16's scale run: one sweep of N tiny trials (synthetic data, mlp-small, 1 epoch) on 2 in-process silos whose
/// grain storage is a real redis-server (append-only file on, as scripts/local-cluster.sh runs it). Measures trials
/// per second, the coordinator's bytes per write (its trial records and its own state, counted as written), Redis
/// memory and keys, and what `sweep delete` leaves. Beside it, the peer: what the former whole-state write would have
/// cost per event at this size (the serialized trial list and definition it rewrote each time), computed from the
/// same sweep's final status, since running it at 10,000 trials would write tens of gigabytes.
/// </summary>
internal static class ScaleBench
{
    public static async Task<Table> RunAsync(int trials, string checkpoints)
    {
        var culture = CultureInfo.InvariantCulture;
        var data = Path.Combine(Path.GetTempPath(), "orchestration-scale", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var port = FreePort();
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(culture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", data])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        redis.BeginOutputReadLine();
        var endpoint = $"127.0.0.1:{port}";
        using var admin = await ConnectWhenUpAsync(endpoint);
        var server = admin.GetServer(endpoint);
        var tally = new WriteTally();
        var table = new Table().Title($"Scale: one sweep of {trials:N0} tiny trials (1 epoch) on 2 in-process silos, grain storage on redis-server (AOF everysec)");
        table.AddColumns("measure", "value");
        try
        {
            var builder = new InProcessTestClusterBuilder(2);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.AddRedisGrainStorage("redis", options => options.Configure<Serializer>((o, serializer) =>
                {
                    o.ConfigurationOptions = ConfigurationOptions.Parse(endpoint);
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    o.DeleteStateOnClear = true;
                }));
                silo.Services.AddKeyedSingleton<IGrainStorage>(OrchestratorStorage.Name, (services, _) =>
                    new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("redis"), services.GetRequiredService<Serializer>(), tally));
                silo.UseInMemoryReminderService();
                silo.Services.AddOrchestratorGrains(o =>
                {
                    o.CheckpointDirectory = checkpoints;
                    o.Slots = 4;
                });
            });
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            var memoryBefore = UsedMemory(server);
            var sweep = SchedulingBench.TinySweep("scale", trials, concurrency: 8, maxEpochs: 1);
            var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(TrialExpansion.SweepIdOf(sweep.Name));
            var clock = Stopwatch.StartNew();
            await coordinator.Submit(sweep);
            SweepStatus status;
            do
            {
                await Task.Delay(500);
                status = await coordinator.GetStatus();
            }
            while (status.FinishedAt is null);

            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(1500); // one fsync period, so the AOF holds the last writes
            var memoryAfter = UsedMemory(server);
            var keys = await server.DatabaseSizeAsync();
            var aof = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var records = tally.Of(SweepTrialRecords.StorageType);
            var state = tally.Of("sweepcoordinator");
            var run = tally.Of("trainingrun");
            var topology = tally.Of("topology");
            var serializer = cluster.Silos[0] is InProcessSiloHandle handle ? handle.ServiceProvider.GetRequiredService<Serializer>() : throw new InvalidOperationException("no silo");
            var wholeState = serializer.SerializeToArray(status.Trials).Length + serializer.SerializeToArray(sweep).Length;
            var events = records.Writes;
            var outcome = string.Join(", ", status.Trials.GroupBy(t => t.State).Select(g => $"{g.Count():N0} {g.Key}"));

            table.AddRow("trials ended", Markup.Escape(outcome));
            table.AddRow("wall time, trials per second", $"{seconds:F1} s, {trials / seconds:F1}/s");
            table.AddRow("coordinator trial-record writes (one per trial event)", $"{records.Writes:N0}, {records.Bytes / (double)records.Writes:F0} B each on average");
            table.AddRow("coordinator sweep-state writes", $"{state.Writes:N0}, {state.Bytes / (double)Math.Max(1, state.Writes):F0} B each on average");
            table.AddRow("coordinator bytes per trial event, now (records + state)", $"{(records.Bytes + state.Bytes) / (double)events:F0} B");
            table.AddRow("peer: bytes per trial event of the former whole-state write at this size", $"{wholeState:N0} B (x {events:N0} events = {wholeState * (double)events / 1e9:F1} GB)");
            table.AddRow("coordinator bytes written in all, now", $"{(records.Bytes + state.Bytes) / 1e6:F2} MB");
            table.AddRow("run and topology grain writes", $"{run.Writes:N0} ({run.Bytes / 1e6:F1} MB), {topology.Writes:N0} ({topology.Bytes / 1e6:F1} MB)");
            table.AddRow("Redis used_memory before / after the sweep", $"{memoryBefore / 1e6:F1} MB / {memoryAfter / 1e6:F1} MB");
            table.AddRow("Redis keys after the sweep, append-only file", $"{keys:N0}, {aof / 1e6:F1} MB");

            clock.Restart();
            var deleted = await coordinator.Delete();
            var deleteSeconds = clock.Elapsed.TotalSeconds;
            table.AddRow("sweep delete: trials, time, keys and used_memory left", $"{deleted:N0} trials in {deleteSeconds:F1} s; {await server.DatabaseSizeAsync():N0} keys, {UsedMemory(server) / 1e6:F1} MB");
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }

        return table;
    }

    private static long UsedMemory(IServer server) =>
        long.Parse(server.Info("memory").SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);

    private static async Task<ConnectionMultiplexer> ConnectWhenUpAsync(string endpoint)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var options = ConfigurationOptions.Parse(endpoint);
                options.AllowAdmin = true;
                return await ConnectionMultiplexer.ConnectAsync(options);
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
