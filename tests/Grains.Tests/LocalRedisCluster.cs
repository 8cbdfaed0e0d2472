using System.Diagnostics;
using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Client.Core.Workers;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A real cluster for tests: redis-server on a free loopback port and N silo processes of src/Silo. Redis runs as
/// <c>scripts/local-cluster.sh</c> runs it (append-only file, fsync every second), so it can be restarted or paused
/// under a running sweep.
/// </summary>
internal sealed class LocalRedisCluster : IAsyncDisposable
{
    private readonly List<(Process Process, int Port)> _silos = [];
    private readonly int _redisPort;
    private Process _redis;

    private LocalRedisCluster(Process redis, int redisPort, string directory)
    {
        _redis = redis;
        _redisPort = redisPort;
        Redis = $"127.0.0.1:{redisPort}";
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
        var cluster = new LocalRedisCluster(await StartRedisAsync(port, directory), port, directory);
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

    /// <summary>Stops Redis cleanly (SHUTDOWN flushes the append-only file) and starts it again on the same port and data.</summary>
    public async Task RestartRedisAsync()
    {
        using (var shutdown = Process.Start(new ProcessStartInfo("redis-cli", ["-p", _redisPort.ToString(CultureInfo.InvariantCulture), "shutdown"]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            await shutdown.WaitForExitAsync();
        }

        await _redis.WaitForExitAsync();
        _redis.Dispose();
        _redis = await StartRedisAsync(_redisPort, Directory);
    }

    /// <summary>Every key in Redis (<c>redis-cli --scan</c>), sorted.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        using var scan = Process.Start(new ProcessStartInfo("redis-cli", ["-p", _redisPort.ToString(CultureInfo.InvariantCulture), "--scan"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        var text = await scan.StandardOutput.ReadToEndAsync();
        await scan.WaitForExitAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>Freezes Redis (SIGSTOP) for <paramref name="pause"/>, then lets it go on (SIGCONT): every call to it hangs meanwhile.</summary>
    public async Task PauseRedisAsync(TimeSpan pause)
    {
        Signal("STOP", _redis.Id);
        try
        {
            await Task.Delay(pause);
        }
        finally
        {
            Signal("CONT", _redis.Id);
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

    private static async Task<Process> StartRedisAsync(int port, string directory)
    {
        var redis = Process.Start(new ProcessStartInfo(
            "redis-server",
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", directory])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        redis.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return redis;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline && !redis.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static async Task<string> ReadAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
