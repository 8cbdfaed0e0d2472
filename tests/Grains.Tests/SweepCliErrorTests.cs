using Orchestrator.Client;

namespace Orchestrator.Grains.Tests;

public sealed class SweepCliErrorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-cli-tests", Guid.NewGuid().ToString("N"));

    public SweepCliErrorTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task An_invalid_sweep_file_exits_2_naming_every_bad_path_and_creates_nothing()
    {
        var file = Path.Combine(_directory, "bad.json");
        File.WriteAllText(file, """{ "dataset": "synthetic", "model": "mlp-small", "grid": { "lr": [0.1, -1] }, "stopping": ["top"], "device": "tpu" }""");
        var results = Path.Combine(_directory, "results");
        var (code, stdout, stderr) = await RunAsync("local", "run", file, "--results", results);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"grid.lr[1]: {Sweeps.SweepLimits.LearningRate.Rule}", stderr, StringComparison.Ordinal);
        Assert.Contains("device: unknown value 'tpu'; allowed: cpu, cuda, auto", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public async Task Local_run_into_a_results_folder_holding_foreign_files_exits_2_naming_them_and_deletes_nothing()
    {
        var file = Path.Combine(_directory, "mine.json");
        File.WriteAllText(file, """{ "name": "mine", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 1 }""");
        var results = Path.Combine(_directory, "results");
        var folder = Path.Combine(results, "mine");
        Directory.CreateDirectory(Path.Combine(folder, "keep"));
        File.WriteAllText(Path.Combine(folder, "precious.txt"), "precious");
        File.WriteAllText(Path.Combine(folder, "keep", "inner.txt"), "inner");
        var (code, _, stderr) = await RunAsync("local", "run", file, "--results", results);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("keep/, precious.txt", stderr, StringComparison.Ordinal);
        Assert.Contains("--results DIR", stderr, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(folder, "precious.txt")));
        Assert.Equal("inner", File.ReadAllText(Path.Combine(folder, "keep", "inner.txt")));
        Assert.Equal(["mine"], Directory.EnumerateFileSystemEntries(results).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Local_run_of_a_different_sweep_with_the_same_id_exits_2_unless_replace_is_given()
    {
        var results = Path.Combine(_directory, "results");
        var folder = Path.Combine(results, "collide");
        Directory.CreateDirectory(folder);
        var old = Orchestrator.Sweeps.SweepFile.Parse("""{ "name": "collide", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 1 }""").Definition!;
        File.WriteAllText(Path.Combine(folder, "sweep.json"), Orchestrator.Client.Core.Sweeps.SweepFileJson.Write(old));
        File.WriteAllText(Path.Combine(folder, "trials.csv"), "old results");
        var file = Path.Combine(_directory, "collide-bang.json");
        File.WriteAllText(file, """{ "name": "Collide!", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 1 }""");

        var (code, _, stderr) = await RunAsync("local", "run", file, "--results", results);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds a different sweep with the same id", stderr, StringComparison.Ordinal);
        Assert.Contains("--replace", stderr, StringComparison.Ordinal);
        Assert.Equal("old results", File.ReadAllText(Path.Combine(folder, "trials.csv")));
    }

    [Fact]
    public async Task Sweep_results_with_a_sweep_id_that_is_a_path_exits_2_before_touching_any_folder()
    {
        var victim = Path.Combine(_directory, "victim");
        File.WriteAllText(victim, "victim");
        var (code, _, stderr) = await RunAsync("sweep", "results", "../victim", "--redis", "127.0.0.1:1", "--results", Path.Combine(_directory, "results"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("sweep-id: must be 1 to 100 lower-case", stderr, StringComparison.Ordinal);
        Assert.Equal("victim", File.ReadAllText(victim));
    }

    [Fact]
    public async Task A_bad_numpy_data_set_exits_2_naming_the_dataset_before_any_silo_starts()
    {
        var arrays = TestData.NpyFiles.Separable(train: 12, test: 6);
        arrays["y_train"] = TestData.NpyFiles.Array("<i8", [12], new long[] { 0, 1, 2, 0, 1, -3, 0, 1, 2, 0, 1, 2 });
        TestData.NpyFiles.Archive(Path.Combine(_directory, "bad.npz"), arrays);
        var file = Path.Combine(_directory, "bad-data.json");
        File.WriteAllText(file, """{ "dataset": {"npz": "bad.npz"}, "model": "mlp-small", "stopping": ["top"] }""");
        var results = Path.Combine(_directory, "results");
        var (code, _, stderr) = await RunAsync("local", "run", file, "--results", results);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("dataset: ", stderr, StringComparison.Ordinal);
        Assert.Contains("label -3 at index 5", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results));
    }

    [Fact]
    public async Task A_missing_sweep_file_exits_2()
    {
        var (code, _, stderr) = await RunAsync("sweep", "submit", Path.Combine(_directory, "missing.json"), "--redis", "127.0.0.1:1");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_commands_require_a_redis_endpoint()
    {
        var (code, _, stderr) = await RunAsync("sweep", "list");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--redis", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_endpoint_without_a_port_is_bad_input()
    {
        var (code, _, stderr) = await RunAsync("sweep", "list", "--redis", "localhost");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("HOST:PORT", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_criterion_parameters_are_bad_input_naming_the_method_and_the_allowed_parameters()
    {
        var file = Path.Combine(_directory, "criterion.json");
        File.WriteAllText(file, """{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none", { "method": "top", "parameters": { "speed": 3 } }] }""");
        var (code, _, stderr) = await RunAsync("local", "run", file, "--results", Path.Combine(_directory, "results"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("stopping[1]: top: unknown parameter 'speed'; allowed:", stderr, StringComparison.Ordinal);
        Assert.Contains("patience", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_criterion_parameter_out_of_range_is_bad_input()
    {
        var file = Path.Combine(_directory, "range.json");
        File.WriteAllText(file, """{ "dataset": "synthetic", "model": "mlp-small", "stopping": [{ "method": "vl", "parameters": { "patience": 0 } }] }""");
        var (code, _, stderr) = await RunAsync("local", "run", file, "--results", Path.Combine(_directory, "results"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("stopping[0]: vl:", stderr, StringComparison.Ordinal);
        Assert.Contains("patience", stderr, StringComparison.Ordinal);
    }
}
