using System.Diagnostics;
using System.Text;

namespace Orchestrator.Sweeps.Tests;

/// <summary>
/// One documented maximum of trials per sweep (<see cref="SweepLimits.MaxTrials"/>), checked in linear time: a
/// million seeds used to take 26.7 s of quadratic duplicate checks before any error, and 10⁶ trials took a silo to 3.75 GB.
/// </summary>
public sealed class TrialLimitTests
{
    private static string Sweep(string grid, string extra = "") =>
        $$"""{ "name": "big", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "grid": { {{grid}} } {{extra}} }""";

    private static string Seeds(int count, Func<int, int> seed)
    {
        var text = new StringBuilder("\"seed\": [");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(seed(i));
        }

        return text.Append(']').ToString();
    }

    [Fact]
    public void A_million_seeds_are_one_error_found_in_seconds_not_minutes()
    {
        var json = Sweep(Seeds(1_000_000, i => i));
        var clock = Stopwatch.StartNew();

        var result = SweepFile.Parse(json);

        clock.Stop();
        var error = Assert.Single(result.Errors);
        Assert.Equal("grid.seed", error.Path);
        Assert.Contains($"at most {SweepLimits.MaxTrials} trials", error.Message, StringComparison.Ordinal);
        // Parsing the 7 MB of JSON is most of it (about 1 s alone, more on a loaded machine); the quadratic check took 26.7 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void The_repeated_value_check_is_linear_at_the_limit()
    {
        // MaxTrials values with every second one repeated: quadratic Contains would do ~5·10⁷ comparisons per list.
        var json = Sweep(Seeds(SweepLimits.MaxTrials, i => i / 2));
        var clock = Stopwatch.StartNew();

        var result = SweepFile.Parse(json);

        clock.Stop();
        Assert.Equal(SweepLimits.MaxTrials / 2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("duplicates", e.Message, StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void A_grid_whose_product_exceeds_the_limit_is_refused_naming_the_count()
    {
        // 101 seeds × 100 learning rates = 10,100 trials: every list is short, the product is not.
        var lrs = string.Join(',', Enumerable.Range(1, 100).Select(i => (i * 1e-4).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var result = SweepFile.Parse(Sweep($"{Seeds(101, i => i)}, \"lr\": [{lrs}]"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("grid", error.Path);
        Assert.Contains("makes 10100 trials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_at_the_limit_is_accepted_and_counted_without_expanding()
    {
        var lrs = string.Join(',', Enumerable.Range(1, 100).Select(i => (i * 1e-4).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var result = SweepFile.Parse(Sweep($"{Seeds(100, i => i)}, \"lr\": [{lrs}]"));

        Assert.Empty(result.Errors);
        Assert.Equal(SweepLimits.MaxTrials, TrialExpansion.Count(result.Definition!));
        Assert.Equal(TrialExpansion.Expand(result.Definition!).Count, TrialExpansion.Count(result.Definition!));
    }

    [Fact]
    public void The_count_matches_the_expansion_when_optimizers_collapse_settings()
    {
        var result = SweepFile.Parse(Sweep("\"optimizer\": [\"sgd\", \"adam\"], \"momentum\": [0, 0.9, 0.5], \"betas\": [[0.9, 0.999], [0.8, 0.99]], \"seed\": [0, 1]", ", \"fractions\": [0.5, 1]"));

        Assert.Empty(result.Errors);
        Assert.Equal(TrialExpansion.Expand(result.Definition!).Count, TrialExpansion.Count(result.Definition!));
    }

    [Fact]
    public void A_built_definition_with_a_million_seeds_is_refused_by_the_grain_check()
    {
        var valid = SweepFile.Parse(Sweep("\"seed\": [0]")).Definition!;
        var huge = valid with { Grid = valid.Grid with { Seeds = [.. Enumerable.Range(0, 1_000_000)] } };

        var problem = Assert.Single(SweepDefinitionCheck.Problems(huge));

        Assert.Equal("grid", problem.Path);
        Assert.Contains("makes 1000000 trials", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_trials_above_the_limit_are_refused_with_the_same_bound()
    {
        var result = SweepFile.Parse("""{ "name": "s", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "space": { "lr": { "type": "log_uniform", "low": 0.001, "high": 0.1 } }, "search": { "sampler": "random", "trials": 10001 } }""");

        Assert.Contains(result.Errors, e => e.Path == "search.trials" && e.Message.Contains($"[1, {SweepLimits.MaxTrials}]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("1e7")]
    public void An_absurd_learning_rate_is_refused_with_its_bound(string lr)
    {
        var result = SweepFile.Parse(Sweep($"\"lr\": [{lr}]"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("grid.lr[0]", error.Path);
        Assert.Equal(SweepLimits.LearningRate.Rule, error.Message);
    }
}
