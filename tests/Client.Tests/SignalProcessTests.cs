using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Client.Tests;

/// <summary>
/// SIGTERM is Ctrl-C (issue 16, item 9), on real processes signalled with <c>kill</c>: <c>local run</c> cancels
/// its sweep, writes partial results and stops its silo; a silo stops within its bound even while its Redis is
/// down; <c>orchestrator silo</c> passes the signal to its child, and the child goes when its parent is killed.
/// </summary>
[Collection("Worker environment variable")]
public sealed class SignalProcessTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Local_run_ends_on_sigterm_like_ctrl_c_with_partial_results_and_no_silo_left()
    {
        var sweep = _files.WriteText("sigterm-local.json", """{ "name": "sigterm-local", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["none"], "maxEpochs": 2000, "probeSize": 32, "concurrency": 2 }""");
        var results = _files.PathOf("results");
        using var cli = Start(CliFixture.CliProcess("local", "run", sweep, "--results", results));
        var checkpoints = Path.Combine(results, "sigterm-local.checkpoints");
        await WaitUntilAsync(() => Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "run.ckpt", SearchOption.AllDirectories).Any(), TimeSpan.FromSeconds(120), cli);

        var clock = Stopwatch.StartNew();
        Signal(cli.Process, "TERM");
        await ExitAsync(cli.Process, TimeSpan.FromSeconds(70));

        Assert.True(cli.Process.ExitCode == 130, cli.Output());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed.TotalSeconds:F1} s");
        var trials = File.ReadAllLines(Path.Combine(results, "sigterm-local", "trials.csv"));
        Assert.Equal(3, trials.Length);
        Assert.All(trials.Skip(1), row => Assert.Contains(",Cancelled,", row, StringComparison.Ordinal));
        await WaitUntilAsync(() => ProcessesMentioning(checkpoints).Count == 0, TimeSpan.FromSeconds(10), null);
    }

    [Fact]
    public async Task Kill_9_of_the_local_silo_keeps_the_finished_trials_and_the_next_local_run_resumes_the_rest()
    {
        var sweep = _files.WriteText("crash-local.json", """{ "name": "crash-local", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["none"], "maxEpochs": 600, "probeSize": 32, "concurrency": 1 }""");
        // 600 epochs: on a quiet machine 100 epochs took under 2 s, so the second trial could end before the kill.
        var results = _files.PathOf("results");
        var checkpoints = Path.Combine(results, "crash-local.checkpoints");
        var trialsCsv = Path.Combine(results, "crash-local", "trials.csv");
        using (var first = Start(CliFixture.CliProcess("local", "run", sweep, "--results", results)))
        {
            // The first trial's end is written while the second trains; then the second has a checkpoint to resume from.
            await WaitUntilAsync(() => File.Exists(trialsCsv), TimeSpan.FromSeconds(180), first);
            await WaitUntilAsync(() => Directory.EnumerateFiles(checkpoints, "run.ckpt", SearchOption.AllDirectories).Count() == 2, TimeSpan.FromSeconds(120), first);
            var silo = ProcessesMentioning(checkpoints).Where(pid => pid != first.Process.Id).ToList();
            Assert.Single(silo);
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", silo[0].ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await ExitAsync(first.Process, TimeSpan.FromSeconds(60));
            Assert.True(first.Process.ExitCode == 1, first.Output());
            Assert.Contains("died during the sweep", first.Output(), StringComparison.Ordinal);
        }

        var before = File.ReadAllLines(trialsCsv);
        var finished = before.Skip(1).Single(row => row.Contains(",Completed,", StringComparison.Ordinal));
        var finishedId = finished.Split(',')[0];

        using var second = Start(CliFixture.CliProcess("local", "run", sweep, "--results", results));
        await ExitAsync(second.Process, TimeSpan.FromSeconds(240));
        Assert.True(second.Process.ExitCode == 0, second.Output());
        var after = File.ReadAllLines(trialsCsv);
        Assert.Equal(3, after.Length);
        // The finished trial was not trained again: its row is the one written before the crash.
        Assert.Equal(finished, after.Single(row => row.StartsWith(finishedId, StringComparison.Ordinal)));
        var resumed = after.Skip(1).Single(row => !row.StartsWith(finishedId, StringComparison.Ordinal));
        Assert.Contains(",Completed,", resumed, StringComparison.Ordinal);
        // Resumed from its checkpoint (one restart counted), not retrained from epoch 1 as a fresh trial.
        Assert.Equal("1", resumed[(resumed.LastIndexOf(',') + 1)..]);
        var epochRows = File.ReadAllLines(Path.Combine(results, "crash-local", "epochs.csv")).Skip(1).Select(r => r.Split(',')[0] + "@" + r.Split(',')[4]).ToList();
        Assert.Equal(1200, epochRows.Count);
        Assert.Equal(epochRows.Count, epochRows.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_silo_whose_redis_is_down_stops_on_sigterm_within_its_bound()
    {
        // A silo refuses to start against a Redis that does not answer (exit 2, said at once), so Redis goes down
        // under a running silo: frozen with SIGSTOP, the way a hung Redis looks to its clients.
        var checkpoints = _files.PathOf("redis-down-checkpoints");
        var worker = CliFixture.BuiltWorker();
        var redisPort = LoopbackPort.Free();
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true })!;
        try
        {
            redis.BeginOutputReadLine();
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            foreach (var arg in new[] { worker, "silo", "--redis", $"127.0.0.1:{redisPort}", "--checkpoints", checkpoints, "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            using var silo = Start(start);
            await WaitUntilAsync(() => silo.Output().Contains("orchestrator-silo ready", StringComparison.Ordinal), TimeSpan.FromSeconds(120), silo);
            Signal(redis, "STOP");

            var clock = Stopwatch.StartNew();
            Signal(silo.Process, "TERM");
            await ExitAsync(silo.Process, TimeSpan.FromSeconds(45));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(35), $"took {clock.Elapsed.TotalSeconds:F1} s\n{silo.Output()}");
            // The silo cannot leave the membership table while Redis hangs; it still ends within the bound, never
            // with an abort (134) or a stack trace, and never still running.
            Assert.NotEqual(134, silo.Process.ExitCode);
            Assert.DoesNotContain("Unhandled exception", silo.Output(), StringComparison.Ordinal);
        }
        finally
        {
            Signal(redis, "CONT");
            redis.Kill();
            await redis.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task The_silo_a_cli_started_goes_with_the_cli(string signal)
    {
        var checkpoints = _files.PathOf("child-" + signal.ToLowerInvariant());
        var start = CliFixture.CliProcess("silo", "--checkpoints", checkpoints, "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture), "--slots", "1");
        start.Environment["ORCHESTRATOR_SILO_PATH"] = CliFixture.BuiltWorker();
        using var cli = Start(start);
        await WaitUntilAsync(() => cli.Output().Contains("orchestrator-silo ready", StringComparison.Ordinal), TimeSpan.FromSeconds(120), cli);
        var children = ProcessesMentioning(checkpoints).Where(pid => pid != cli.Process.Id).ToList();
        Assert.NotEmpty(children);

        Signal(cli.Process, signal);
        await ExitAsync(cli.Process, TimeSpan.FromSeconds(70));

        // TERM is forwarded; after KILL nothing is, and the child sees its parent gone within ParentWatch.Period.
        await WaitUntilAsync(() => children.All(pid => !Alive(pid)), TimeSpan.FromSeconds(40), null);
    }

    private sealed class Running(Process process) : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();

        public Process Process { get; } = process;

        public void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }

        public string Output()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }

    private static Running Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.Environment["ORCHESTRATOR_SILO_PATH"] = CliFixture.BuiltWorker();
        var running = new Running(new Process { StartInfo = start });
        running.Process.OutputDataReceived += (_, e) => running.Append(e.Data);
        running.Process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        running.Process.Start();
        running.Process.BeginOutputReadLine();
        running.Process.BeginErrorReadLine();
        return running;
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static async Task ExitAsync(Process process, TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        await process.WaitForExitAsync(limit.Token);
        process.WaitForExit();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Running? running)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || running?.Process.HasExited == true)
            {
                Assert.Fail($"not reached in {timeout}\n{running?.Output()}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Live processes whose command line holds <paramref name="marker"/> (a unique temporary path).</summary>
    private static List<int> ProcessesMentioning(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal) && Alive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>True while <paramref name="pid"/> runs (a zombie waiting for its parent counts as gone).</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
