using Orchestrator.Contracts;

namespace Orchestrator.Sweeps.Tests;

/// <summary>
/// Issue 13's "Bad input" list, each case through the sweep-file reader: refused at submission, at its JSON path,
/// saying what is allowed; and the one case that is a warning, not an error (a criterion that cannot fire within maxEpochs).
/// </summary>
public sealed class SearchBadInputTests
{
    private const string Search = """ "search": {"sampler": "random", "trials": 3}, "objective": {"metric": "validation_accuracy"} """;

    private static IReadOnlyList<string> ErrorsOf(string blocks) =>
        [.. SweepFile.Parse($$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], {{blocks}} }""").Errors.Select(e => e.ToString())];

    [Theory]
    [InlineData("empty range", """ "space": {"lr": {"uniform": [0.1, 0.1]}}, """ + Search, "space.lr.uniform: ")]
    [InlineData("inverted range", """ "space": {"lr": {"uniform": [0.2, 0.1]}}, """ + Search, "space.lr.uniform: the range [0.2, 0.1] is inverted")]
    [InlineData("inverted int range", """ "space": {"batchSize": {"int": [64, 16]}}, """ + Search, "space.batchSize.int: ")]
    [InlineData("loguniform bound at 0", """ "space": {"lr": {"loguniform": [0, 0.3]}}, """ + Search, "space.lr.loguniform: loguniform bounds must both be > 0")]
    [InlineData("loguniform bound below 0", """ "space": {"weightDecay": {"loguniform": [-1, 0.3]}}, """ + Search, "space.weightDecay.loguniform: loguniform bounds must both be > 0")]
    [InlineData("int with non-integers", """ "space": {"batchSize": {"int": [1.5, 8]}}, """ + Search, "space.batchSize.int: the bounds must be whole numbers")]
    [InlineData("empty choice", """ "space": {"batchSize": {"choice": []}}, """ + Search, "space.batchSize.choice: the choice is empty")]
    [InlineData("unknown distribution", """ "space": {"lr": {"normal": [0, 1]}}, """ + Search, "space.lr.normal: unknown distribution 'normal'; allowed: uniform, loguniform, int, choice")]
    [InlineData("trials below one", """ "space": {"lr": {"uniform": [0.01, 0.1]}}, "search": {"sampler": "random", "trials": 0} """, "search.trials: must be a whole number in [1, 10000]; got 0")]
    [InlineData("scheduler with an objective of the wrong mode", """ "space": {"lr": {"uniform": [0.01, 0.1]}}, "search": {"sampler": "random", "trials": 3}, "objective": {"metric": "validation_loss", "mode": "max"}, "scheduler": {"type": "median"} """, "objective.mode: 'max' would search for the worst validation_loss")]
    [InlineData("asha with reductionFactor below 2", """ "space": {"lr": {"uniform": [0.01, 0.1]}}, """ + Search + """, "scheduler": {"type": "asha", "reductionFactor": 1} """, "scheduler.reductionFactor: asha: reductionFactor is 1; it must be an integer ≥ 2")]
    [InlineData("refit without a search", """ "refit": {"stopping": "top"} """, "refit: needs a search")]
    [InlineData("budget of no epochs", """ "space": {"lr": {"uniform": [0.01, 0.1]}}, "search": {"sampler": "random", "trials": 3, "budget": {"epochs": 0}} """, "search.budget.epochs: must be a whole number of epochs in [1, ")]
    public void Is_refused_at_its_json_path(string @case, string blocks, string expected)
    {
        var errors = ErrorsOf(blocks);

        Assert.True(errors.Any(e => e.StartsWith(expected, StringComparison.Ordinal)), $"{@case}: expected '{expected}…' among: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void A_search_criterion_that_can_never_fire_within_max_epochs_is_a_warning_naming_its_earliest_stop_not_an_error()
    {
        var result = SweepFile.Parse("""
            { "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], "maxEpochs": 10,
              "space": {"lr": {"uniform": [0.01, 0.1]}}, "search": {"sampler": "random", "trials": 3} }
            """);

        Assert.Empty(result.Errors);
        var warning = Assert.Single(SweepWarnings.Of(result.Definition!));
        Assert.Equal("stopping[0]", warning.Path);
        Assert.Contains($"cannot stop before epoch {SweepWarnings.EarliestStop(new StoppingMethod { Name = "top" })}", warning.Message, StringComparison.Ordinal);
    }
}
