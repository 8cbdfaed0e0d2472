namespace Orchestrator.Sweeps.Tests;

public sealed class SweepDefinitionCheckTests
{
    private static Contracts.SweepDefinition Valid() =>
        SweepFile.Parse("""{ "name": "ok", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"] }""").Definition
        ?? throw new InvalidOperationException("the base sweep must be valid");

    [Fact]
    public void A_definition_read_from_a_valid_file_passes_the_built_definition_check() =>
        Assert.Empty(SweepDefinitionCheck.Problems(Valid()));

    [Fact]
    public void A_built_definition_gets_the_same_range_rules_as_the_file()
    {
        var bad = Valid() with { Concurrency = 0, MaxEpochs = 0, Grid = Valid().Grid with { LearningRates = [-1] } };
        var fields = SweepDefinitionCheck.Problems(bad).Select(e => e.Path).ToList();
        Assert.Equal(["grid.lr", "maxEpochs", "concurrency"], fields);
        var fromFile = SweepFile.Parse("""{ "name": "ok", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "concurrency": 0 }""");
        Assert.Equal(SweepLimits.Concurrency.Rule, fromFile.Errors.Single().Message);
    }

    [Fact]
    public void Every_trial_of_a_valid_sweep_passes_the_trial_check() =>
        Assert.All(TrialExpansion.Expand(Valid()), t => Assert.Empty(SweepDefinitionCheck.Problems(t)));

    [Fact]
    public void A_name_longer_than_the_limit_is_refused_in_the_file_without_echoing_it()
    {
        var name = new string('n', 300);
        var result = SweepFile.Parse($$"""{ "name": "{{name}}", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"] }""");
        var error = result.Errors.Single();
        Assert.Equal("name", error.Path);
        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_holding_invalid_utf8_is_refused()
    {
        var bytes = "{ \"name\": \"bad\u00ff\", \"dataset\": \"synthetic\", \"model\": \"mlp\", \"stopping\": [\"none\"] }"u8.ToArray();
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var errors = SweepFile.Load(path).Errors;
            var error = errors.Single(e => e.Path == "name");
            Assert.Equal("name", error.Path);
            Assert.Contains("invalid UTF-8", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_huge_unknown_value_is_not_echoed_whole()
    {
        var huge = new string('x', 5_000_000);
        var result = SweepFile.Parse($$"""{ "name": "ok", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "device": "{{huge}}", "{{huge}}": 1 }""");
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.True(e.ToString().Length < 600, e.ToString()[..Math.Min(600, e.ToString().Length)]));
        Assert.Contains("(5000000 characters)", result.Errors.Single(e => e.Path == "device").Message, StringComparison.Ordinal);
    }
}
