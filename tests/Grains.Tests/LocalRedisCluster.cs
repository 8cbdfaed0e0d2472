using System.Diagnostics;
using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Client.Core.Workers;

namespace Orchestrator.Grains.Tests;

/// <summary>A real cluster for tests: redis-server on a free loopback port and N silo processes of src/Silo.</summary>
internal sealed class LocalRedisCluster : IAsyncDisposable
{
    private readonly Process _redis;
    private readonly List<(Process Process, int Port)> _silos = [];

    private LocalRedisCluster(Process redis, string redisEndpoint, string directory)
    {
        _redis = redis;
        Redis = redisEndpoint;
        Directory = directory;
    }

    public string Redis { get; }

    public string Directory { get; }

    public IReadOnlyList<(Process Process, int Port)> Silos => _silos;

    public static string SiloDll() => RepositoryRoot.BuiltWorker();

    public static async Task<LocalRedisCluster> StartAsync(int silos, int slots)
    {
        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-cluster-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "checkpoints"));
        var port = LocalSilo.FreePort();
        var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        redis.BeginOutputReadLine();
        var cluster = new LocalRedisCluster(redis, $"127.0.0.1:{port}", directory);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync(slots);
        }

        return cluster;
    }

    public async Task StartSiloAsync(int slots)
    {
        var siloPort = LocalSilo.FreePort();
        var log = Path.Combine(Directory, $"silo-{siloPort}.log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList =
            {
                "-c",
                $"exec dotnet '{SiloDll()}' silo --redis {Redis} --port {siloPort} --gateway-port {LocalSilo.FreePort()} --checkpoints '{Path.Combine(Directory, "checkpoints")}' --slots {slots} > '{log}' 2>&1",
            },
        };
        var process = Process.Start(start)!;
        _silos.Add((process, siloPort));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(log) || !(await ReadAsync(log)).Contains("orchestrator-silo ready", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("silo did not start: " + (File.Exists(log) ? await ReadAsync(log) : "no log"));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>kill -9 of the silo listening on <paramref name="siloPort"/>.</summary>
    public void KillSilo(int siloPort) => _silos.Single(s => s.Port == siloPort).Process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _silos)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _redis.Kill();
        await _redis.WaitForExitAsync();
        _redis.Dispose();
        try
        {
            if (Environment.GetEnvironmentVariable("ORCHESTRATOR_KEEP_CLUSTER_LOGS") is not null)
            {
                return;
            }

            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<string> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
