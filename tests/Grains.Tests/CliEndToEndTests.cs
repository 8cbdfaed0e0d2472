using Orchestrator.Client;

namespace Orchestrator.Grains.Tests;

/// <summary>The CLI's sweep commands against real silos: an embedded one it starts itself, and a Redis cluster.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-cli-e2e", Guid.NewGuid().ToString("N"));

    public CliEndToEndTests()
    {
        Directory.CreateDirectory(_directory);
        Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", LocalRedisCluster.SiloDll());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string SweepFile(string name)
    {
        var path = Path.Combine(_directory, name + ".json");
        File.WriteAllText(path, $$"""{ "name": "{{name}}", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["none", "top"], "maxEpochs": 3, "probeSize": 32, "concurrency": 2 }""");
        return path;
    }

    [Fact]
    public async Task Local_run_with_a_bad_gpu_list_exits_2_with_the_silos_reason_and_writes_no_results()
    {
        var results = Path.Combine(_directory, "results");
        var (code, stdout, stderr) = await RunAsync("local", "run", SweepFile("local-bad-gpus"), "--results", results, "--gpus", "0,0");
        Assert.True(code == ExitCodes.BadInput, stderr + stdout);
        Assert.StartsWith("error: --gpus: GPU 0 is listed twice", stderr.Split('\n').Last(l => l.StartsWith("error", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(results, "local-bad-gpus")));
    }

    [Fact]
    public async Task Local_run_of_a_model_the_silo_refuses_exits_2_naming_the_field_and_writes_no_results()
    {
        var npz = Path.Combine(_directory, "data.npz");
        TestData.NpyFiles.Archive(npz, TestData.NpyFiles.Separable(train: 30, test: 9, features: 12, classes: 3));
        var model = Path.Combine(AppContext.BaseDirectory, "torchscript", "bad_logits.pt");
        var file = Path.Combine(_directory, "local-bad-model.json");
        File.WriteAllText(file, $$"""{ "dataset": {"npz": "data.npz"}, "model": {"torchscript": "{{model}}"}, "stopping": ["top"], "maxEpochs": 2, "probeSize": 8 }""");
        var results = Path.Combine(_directory, "results");
        var (code, stdout, stderr) = await RunAsync("local", "run", file, "--results", results);
        Assert.True(code == ExitCodes.BadInput, stderr + stdout);
        Assert.Contains("error: model: forward returned shape [2]", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(results, "local-bad-model")));
    }

    [Fact]
    public async Task Local_run_starts_a_silo_runs_the_sweep_and_writes_the_results()
    {
        var results = Path.Combine(_directory, "results");
        var (code, stdout, stderr) = await RunAsync("local", "run", SweepFile("local-e2e"), "--results", results);
        Assert.True(code == ExitCodes.Ok, stderr + stdout);
        var directory = Path.Combine(results, "local-e2e");
        Assert.Equal(["epochs.csv", "status.json", "summary.md", "sweep.json", "trials.csv"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var trials = File.ReadAllLines(Path.Combine(directory, "trials.csv"));
        Assert.Equal(4 + 1, trials.Length);
        Assert.All(trials.Skip(1), row => Assert.Matches(",(Completed|Stopped),", row));
        var epochRows = File.ReadAllLines(Path.Combine(directory, "epochs.csv")).Length - 1;
        var epochsRun = trials.Skip(1).Sum(row => int.Parse(row.Split(',')[^3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(epochsRun, epochRows);
        Assert.Contains("results in", stdout, StringComparison.Ordinal);

        // Finished trials keep their final checkpoint and, for the dashboard's slider, their last connectomes
        // (at most --connectomes-kept, default 20, ending at the trial's last epoch); nothing else a resume needed.
        var checkpoints = Path.Combine(results, "local-e2e.checkpoints", "local-e2e");
        Assert.All(Directory.GetDirectories(checkpoints), trial =>
        {
            var files = Directory.GetFiles(trial).Select(Path.GetFileName).ToList();
            Assert.Contains("run.ckpt", files);
            var kept = files.Where(f => f != "run.ckpt").ToList();
            Assert.All(kept, f => Assert.Matches(@"^connectome-\d+\.bin$", f));
            Assert.InRange(kept.Count, 0, OrchestratorOptions.DefaultConnectomesKept);
        });
        Assert.Equal(4, Directory.GetDirectories(checkpoints).Length);
    }

    [Fact]
    public async Task Sweep_commands_drive_a_redis_cluster()
    {
        await using var cluster = await LocalRedisCluster.StartAsync(silos: 1, slots: 2);
        var results = Path.Combine(_directory, "results");
        var (code, stdout, stderr) = await RunAsync("sweep", "submit", SweepFile("redis-e2e"), "--redis", cluster.Redis, "--watch", "--results", results);
        Assert.True(code == ExitCodes.Ok, stderr + stdout);
        Assert.True(File.Exists(Path.Combine(results, "redis-e2e", "trials.csv")));

        var list = await RunAsync("sweep", "list", "--redis", cluster.Redis);
        Assert.Equal(ExitCodes.Ok, list.Code);
        Assert.Matches(@"(?m)^redis-e2e\s+Finished\s+4\s+4\s+0\s", list.Stdout);

        var listJson = await RunAsync("sweep", "list", "--redis", cluster.Redis, "--json");
        Assert.Equal(ExitCodes.Ok, listJson.Code);
        var sweeps = System.Text.Json.Nodes.JsonNode.Parse(listJson.Stdout)!.AsArray();
        var listed = Assert.Single(sweeps, s => (string?)s!["sweep"] == "redis-e2e")!;
        Assert.Equal(4, (double)listed["finished"]!);
        Assert.Equal(0, (double)listed["cancelled"]!);

        var statusCsv = await RunAsync("sweep", "status", "redis-e2e", "--redis", cluster.Redis, "--csv");
        Assert.Equal(ExitCodes.Ok, statusCsv.Code);
        Assert.StartsWith("trial,stopping,fraction,lr,seed,state,epoch,", statusCsv.Stdout, StringComparison.Ordinal);
        Assert.Equal(4 + 1, statusCsv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var status = await RunAsync("sweep", "status", "redis-e2e", "--redis", cluster.Redis);
        Assert.Equal(ExitCodes.Ok, status.Code);
        Assert.Contains("4/4 trials finished", status.Stdout, StringComparison.Ordinal);

        var unknown = await RunAsync("sweep", "status", "no-such-sweep", "--redis", cluster.Redis);
        Assert.Equal(ExitCodes.BadInput, unknown.Code);
        Assert.Contains("no sweep 'no-such-sweep'", unknown.Stderr, StringComparison.Ordinal);

        // Issue 16, item 14: `sweep delete` removes the sweep's keys; the sweep is then unknown and unlisted.
        var deleted = await RunAsync("sweep", "delete", "redis-e2e", "--redis", cluster.Redis);
        Assert.True(deleted.Code == ExitCodes.Ok, deleted.Stderr);
        Assert.Contains("deleted redis-e2e: the sweep's state, 4 trials'", deleted.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(await cluster.KeysAsync(), k => k.Contains("/redis-e2e", StringComparison.Ordinal));
        var gone = await RunAsync("sweep", "status", "redis-e2e", "--redis", cluster.Redis);
        Assert.Equal(ExitCodes.BadInput, gone.Code);
        var badId = await RunAsync("sweep", "delete", "../redis-e2e", "--redis", cluster.Redis);
        Assert.Equal(ExitCodes.BadInput, badId.Code);
    }
}
