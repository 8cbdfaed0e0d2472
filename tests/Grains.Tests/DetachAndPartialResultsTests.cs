using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Client;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Ctrl-C on the real <c>orchestrator sweep watch</c> process detaches and leaves the cluster's sweep running;
/// <c>sweep results</c> then says "running" (or, after <c>sweep cancel</c>, "cancelled") and exits 0.
/// </summary>
public sealed class DetachAndPartialResultsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-detach-tests", Guid.NewGuid().ToString("N"));

    public DetachAndPartialResultsTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Ctrl_c_on_sweep_watch_detaches_and_results_of_the_running_then_cancelled_sweep_say_so_and_exit_0()
    {
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 1, slots: 2);
        var file = Path.Combine(_directory, "detach.json");
        File.WriteAllText(file, """{ "name": "detach", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1, 2] }, "stopping": ["none"], "maxEpochs": 10000, "probeSize": 32, "concurrency": 2 }""");
        var submitted = await RunAsync("sweep", "submit", file, "--redis", cluster.Redis);
        Assert.True(submitted.Code == ExitCodes.Ok, submitted.Stderr);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "sweep", "watch", "detach", "--redis", cluster.Redis, "--results", Path.Combine(_directory, "results") })
        {
            start.ArgumentList.Add(arg);
        }

        using var watch = Process.Start(start)!;
        var stderr = watch.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var firstLine = await watch.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(firstLine);
        var rest = watch.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using (var interrupt = Process.Start("kill", ["-INT", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await watch.WaitForExitAsync(timeout.Token);
        Assert.True(watch.ExitCode == ExitCodes.Ok, await stderr);
        Assert.Contains("detaching: the sweep keeps running", await stderr, StringComparison.Ordinal);
        Assert.Contains("sweep running:", await rest, StringComparison.Ordinal);

        var status = await RunAsync("sweep", "status", "detach", "--redis", cluster.Redis, "--json");
        var json = JsonNode.Parse(status.Stdout)!;
        Assert.Equal("Running", (string?)json["state"]);
        Assert.DoesNotContain(json["trials"]!.AsArray(), t => (string?)t!["state"] == "Cancelled");

        var results = Path.Combine(_directory, "results");
        var running = await RunAsync("sweep", "results", "detach", "--redis", cluster.Redis, "--results", results);
        Assert.True(running.Code == ExitCodes.Ok, running.Stderr);
        Assert.StartsWith("sweep running:", running.Stdout, StringComparison.Ordinal);
        Assert.Contains("is still running", File.ReadAllText(Path.Combine(results, "detach", "summary.md")), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("sweep", "cancel", "detach", "--redis", cluster.Redis)).Code);
        var cancelled = await RunAsync("sweep", "results", "detach", "--redis", cluster.Redis, "--results", results);
        Assert.True(cancelled.Code == ExitCodes.Ok, cancelled.Stderr);
        Assert.StartsWith("sweep cancelled:", cancelled.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"partialReason\": \"cancelled\"", File.ReadAllText(Path.Combine(results, "detach", "status.json")), StringComparison.Ordinal);
    }
}
