using Orchestrator.Contracts;

namespace Orchestrator.Sweeps.Tests;

public sealed class SweepWarningsTests
{
    private static SweepDefinition Sweep(string stopping, int maxEpochs) =>
        SweepFile.Parse($$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": [{{stopping}}], "maxEpochs": {{maxEpochs}} }""").Definition!;

    [Fact]
    public void Top_with_defaults_can_stop_no_earlier_than_warm_up_plus_window_plus_patience()
    {
        // Defaults: warm-up 5, window 5, patience 5: the first smoothed value is at epoch 10, five more without improvement.
        Assert.Equal(15, SweepWarnings.EarliestStop(new StoppingMethod { Name = "top" }));
        Assert.Null(SweepWarnings.EarliestStop(new StoppingMethod { Name = "none" }));
    }

    [Fact]
    public void A_criterion_that_cannot_fire_within_max_epochs_is_warned_about_naming_its_earliest_stop()
    {
        var warnings = SweepWarnings.Of(Sweep("\"top\", \"none\"", maxEpochs: 10));
        var warning = Assert.Single(warnings);
        Assert.Equal("stopping[0]", warning.Path);
        Assert.Contains("cannot stop before epoch 15", warning.Message, StringComparison.Ordinal);
        Assert.Contains("behave exactly like `none`", warning.Message, StringComparison.Ordinal);
        Assert.Empty(SweepWarnings.Of(Sweep("\"top\"", maxEpochs: 15)));
    }

    [Fact]
    public void A_criterion_max_epochs_above_the_sweeps_is_warned_about()
    {
        var warnings = SweepWarnings.Of(Sweep("""{ "method": "vl", "parameters": { "maxEpochs": 80 } }""", maxEpochs: 40));
        var warning = Assert.Single(warnings);
        Assert.Equal("stopping[0].parameters.maxEpochs", warning.Path);
        Assert.Contains("80 exceeds the sweep's maxEpochs 40", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_criterion_max_epochs_below_its_earliest_stop_is_the_limit_that_counts()
    {
        var warning = Assert.Single(SweepWarnings.Of(Sweep("""{ "method": "top", "parameters": { "maxEpochs": 12 } }""", maxEpochs: 50)));
        Assert.Contains("trials end at epoch 12", warning.Message, StringComparison.Ordinal);
    }
}
