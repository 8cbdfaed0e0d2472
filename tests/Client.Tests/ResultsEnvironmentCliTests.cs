namespace Orchestrator.Client.Tests;

/// <summary><c>local run</c> into a results root it cannot write: exit 3 naming the path, before anything trains.</summary>
public sealed class ResultsEnvironmentCliTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Local_run_into_an_unwritable_results_root_exits_3_naming_it_before_training()
    {
        var sweep = _files.WriteText("env.json", """{ "name": "env", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 1, "probeSize": 32 }""");
        var blocker = _files.WriteText("a-file", "not a folder");
        var root = Path.Combine(blocker, "results");

        var result = await CliFixture.Run("local", "run", sweep, "--results", root);

        Assert.True(result.ExitCode == ExitCodes.Environment, result.Stderr + result.Stdout);
        Assert.Contains($"error: cannot write {root}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("starting a local silo", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(blocker));
    }
}
