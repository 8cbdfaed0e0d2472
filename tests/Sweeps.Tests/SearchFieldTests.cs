using Orchestrator.Contracts;
using Orchestrator.Search;

namespace Orchestrator.Sweeps.Tests;

/// <summary>The <c>space</c>, <c>search</c>, <c>objective</c> and <c>scheduler</c> blocks of a sweep file.</summary>
public sealed class SearchFieldTests
{
    private const string Space = """{ "lr": {"loguniform": [0.001, 0.3]}, "optimizer": {"choice": ["sgd", "adam"]}, "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": "sgd"}} }""";

    private static string Sweep(string blocks) =>
        $$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], {{blocks}} }""";

    private static IReadOnlyList<string> ErrorsOf(string blocks) =>
        [.. SweepFile.Parse(Sweep(blocks)).Errors.Select(e => e.ToString())];

    [Fact]
    public void A_search_is_carried_in_the_definition_with_its_objective_and_scheduler()
    {
        var definition = SweepFile.Parse(Sweep($$"""
            "space": {{Space}},
            "search": {"sampler": "tpe", "trials": 12, "seed": 7, "parameters": {"startUpTrials": 4} },
            "objective": {"metric": "validation_loss"},
            "scheduler": {"type": "asha", "gracePeriod": 2, "reductionFactor": 2}
            """)).Definition;

        Assert.NotNull(definition);
        Assert.Equal("tpe", definition.Search!.Sampler);
        Assert.Equal(12, definition.Search.Trials);
        Assert.Equal(7, definition.Search.Seed);
        Assert.Equal([new NamedValue("startUpTrials", "4")], definition.Search.SamplerParameters);
        Assert.True(SearchSpaceReader.Read(System.Text.Json.JsonDocument.Parse(definition.Search.Space).RootElement).IsValid);
        Assert.Equal("min", definition.Objective!.Mode);
        Assert.Equal("asha", definition.Scheduler!.Type);
        Assert.Contains(new NamedValue("reductionFactor", "2"), definition.Scheduler.Parameters);
    }

    [Fact]
    public void A_bad_space_is_refused_at_its_json_path()
    {
        var errors = ErrorsOf("""
            "space": {"lr": {"loguniform": [0, 0.3]}, "dropout": {"uniform": [0, 0.5]}},
            "search": {"sampler": "random", "trials": 3}
            """);

        Assert.Contains(errors, e => e.StartsWith("space.lr.loguniform: loguniform bounds must both be > 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("space.dropout: is not a trial setting a search may set; allowed: lr, momentum", StringComparison.Ordinal));
    }

    [Fact]
    public void A_distribution_outside_what_its_setting_takes_is_refused()
    {
        var errors = ErrorsOf("""
            "space": {"batchSize": {"uniform": [16, 64]}, "momentum": {"uniform": [0.5, 1.5]}, "optimizer": {"choice": ["sgd", "lion"]}},
            "search": {"sampler": "random", "trials": 3}
            """);

        Assert.Contains("space.batchSize.uniform: batchSize takes whole numbers in 1 … 1,000,000 (use int or a choice of integers)", errors);
        Assert.Contains("space.momentum.uniform: momentum takes numbers in [0, 1)", errors);
        Assert.Contains("space.optimizer.choice: optimizer must be a choice of sgd, adam, adamw", errors);
    }

    [Fact]
    public void Trials_below_one_and_an_unknown_sampler_are_refused()
    {
        var errors = ErrorsOf($$""" "space": {{Space}}, "search": {"sampler": "bayes", "trials": 0} """);

        Assert.Contains(errors, e => e.StartsWith("search.sampler: unknown value 'bayes'; allowed: grid, random, tpe", StringComparison.Ordinal));
        Assert.Contains($"search.trials: must be a whole number in [1, {SweepLimits.MaxTrials}]; got 0", errors);
    }

    [Fact]
    public void A_space_needs_a_search_and_a_search_needs_a_space()
    {
        Assert.Contains(ErrorsOf($$""" "space": {{Space}} """), e => e.StartsWith("search: is required with a space", StringComparison.Ordinal));
        Assert.Contains(ErrorsOf(""" "search": {"trials": 3} """), e => e.StartsWith("space: is required with a search", StringComparison.Ordinal));
    }

    [Fact]
    public void The_grid_sampler_refuses_a_real_valued_parameter()
    {
        var errors = ErrorsOf($$""" "space": {{Space}}, "search": {"sampler": "grid", "trials": 3} """);

        Assert.Contains(errors, e => e.StartsWith("search.sampler: ", StringComparison.Ordinal) && e.Contains("lr", StringComparison.Ordinal));
    }

    [Fact]
    public void Tpe_without_an_objective_is_refused_because_it_learns_from_it()
    {
        Assert.Contains(ErrorsOf($$""" "space": {{Space}}, "search": {"trials": 3} """), e => e.StartsWith("objective: is required by the tpe sampler", StringComparison.Ordinal));
    }

    [Fact]
    public void The_test_split_is_never_an_objective()
    {
        var errors = ErrorsOf($$""" "space": {{Space}}, "search": {"sampler": "random", "trials": 3}, "objective": {"metric": "test_accuracy"} """);

        Assert.Contains(errors, e => e.StartsWith("objective.metric: 'test_accuracy': the test split is never an objective", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mode_that_would_search_for_the_worst_configuration_is_refused()
    {
        var errors = ErrorsOf($$""" "space": {{Space}}, "search": {"sampler": "random", "trials": 3}, "objective": {"metric": "validation_accuracy", "mode": "min"}, "scheduler": {"type": "median"} """);

        Assert.Contains("objective.mode: 'min' would search for the worst validation_accuracy; validation_accuracy is better when larger: use \"max\"", errors);
    }

    [Fact]
    public void A_scheduler_needs_an_objective_and_asha_a_reduction_factor_of_at_least_two()
    {
        var errors = ErrorsOf($$""" "space": {{Space}}, "search": {"sampler": "random", "trials": 3}, "scheduler": {"type": "asha", "reductionFactor": 1} """);

        Assert.Contains(errors, e => e.StartsWith("scheduler: needs an objective", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("scheduler.reductionFactor: asha: reductionFactor is 1; it must be an integer ≥ 2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scheduler_or_an_objective_without_a_search_is_refused()
    {
        var errors = ErrorsOf(""" "objective": {"metric": "validation_accuracy"}, "scheduler": {"type": "median"} """);

        Assert.Contains(errors, e => e.StartsWith("objective: needs a search", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("scheduler: needs a search", StringComparison.Ordinal));
    }

    [Fact]
    public void A_search_varies_only_its_space()
    {
        var errors = ErrorsOf($$"""
            "space": {{Space}}, "search": {"sampler": "random", "trials": 3},
            "grid": {"lr": [0.01], "seed": [0, 1]}, "fractions": [0.1, 0.2]
            """);

        Assert.Contains("grid.lr: is also searched (space.lr); a setting is either in the space or in the grid", errors);
        Assert.Contains(errors, e => e.StartsWith("grid.seed: has 2 values; a search varies only the settings of its space", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("fractions: has 2 values", StringComparison.Ordinal));
    }
}
