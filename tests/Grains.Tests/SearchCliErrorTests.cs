using Orchestrator.Client;

namespace Orchestrator.Grains.Tests;

/// <summary>A bad search, budget or refit refused by the CLI itself: exit 2, every JSON path named, nothing created.</summary>
public sealed class SearchCliErrorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-cli-tests", Guid.NewGuid().ToString("N"));

    public SearchCliErrorTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_bad_search_budget_and_refit_exit_2_naming_each_path_and_create_nothing()
    {
        var file = Path.Combine(_directory, "search.json");
        File.WriteAllText(file, """
            { "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"],
              "space": {"lr": {"loguniform": [0, 0.3]}, "batchSize": {"choice": []}},
              "search": {"sampler": "random", "trials": 0, "budget": {"epochs": -5}},
              "objective": {"metric": "validation_accuracy"},
              "scheduler": {"type": "asha", "reductionFactor": 1},
              "refit": {"stopping": "vl"} }
            """);
        var results = Path.Combine(_directory, "results");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApplication.RunAsync(["local", "run", file, "--results", results], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        var text = stderr.ToString();
        foreach (var path in new[] { "space.lr.loguniform: ", "space.batchSize.choice: ", "search.trials: ", "search.budget.epochs: ", "scheduler.reductionFactor: ", "refit.stopping: 'vl' reads the validation hold-out" })
        {
            Assert.Contains(path, text, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, stdout.ToString());
        Assert.False(Directory.Exists(results));
    }
}
