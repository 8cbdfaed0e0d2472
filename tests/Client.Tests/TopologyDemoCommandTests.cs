using Orchestrator.Client.Demo;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Tests;

public sealed class TopologyDemoCommandTests
{
    [Fact]
    public async Task Demo_is_deterministic_and_reports_the_criterions_stop()
    {
        var first = await CliFixture.Run("topology", "demo");
        var second = await CliFixture.Run("topology", "demo");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);

        // The same pipeline through the library directly.
        var rows = TopologyDemo.Run(new SyntheticActivations(1), new TopStoppingCriterion(), 30);
        var last = rows[^1];
        Assert.True(last.Decision.ShouldStop, "the demo should show a stop within 30 epochs");
        Assert.InRange(last.Epoch, 12, 29);
        Assert.Contains($"Stopped at epoch {last.Epoch} (best epoch {last.Decision.BestEpoch})", first.Stdout.ReplaceLineEndings(" "));
        foreach (var header in new[] { "epoch", "w0", "w1", "smoothed w", "decision" })
        {
            Assert.Contains(header, first.Stdout);
        }

        Assert.Contains(last.Point.W!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), first.Stdout);
    }

    [Fact]
    public void Generated_connectomes_settle_as_epochs_pass()
    {
        var rows = TopologyDemo.Run(new SyntheticActivations(3), new TopStoppingCriterion(new PlateauRuleOptions { MaxEpochs = 30, Patience = 30 }), 30);
        Assert.Equal(30, rows.Count);
        var early = rows.Skip(1).Take(5).Average(r => r.Point.W!.Value);
        var late = rows.Skip(25).Average(r => r.Point.W!.Value);
        Assert.True(late < early, $"late distances {late} should be below early ones {early}");
        Assert.True(late > 0, "fresh noise per epoch keeps a floor");
    }
}
