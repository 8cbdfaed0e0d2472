using Orchestrator.Client.Demo;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Tests;

public sealed class TopologyDemoCriterionOptionTests
{
    [Fact]
    public async Task Demo_runs_the_criterion_given_by_name_and_parameters()
    {
        var result = await CliFixture.Run("topology", "demo", "--criterion", "top:component=w1,window=3", "--seed", "2");
        Assert.Equal(0, result.ExitCode);
        var criterion = StoppingCriterionCatalog.Default.Parse("top:component=w1,window=3");
        var rows = TopologyDemo.Run(new SyntheticActivations(2), criterion, 30);
        Assert.Contains($"Stopped at epoch {rows[^1].Epoch} (best epoch {rows[^1].Decision.BestEpoch})", result.Stdout.ReplaceLineEndings(" "));
        Assert.Contains("smoothed w1", result.Stdout);
    }

    [Fact]
    public async Task None_runs_to_its_max_epochs()
    {
        var result = await CliFixture.Run("topology", "demo", "--criterion", "none:maxEpochs=4");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Stopped at epoch 4 (best epoch 4): reached max epochs (4)", result.Stdout);
    }

    [Theory]
    [InlineData("top:windw=3", "unknown parameter 'windw'", "allowed: component")]
    [InlineData("top:patience=0", "patience is 0", "≥ 1")]
    [InlineData("vl", "needs a validation loss", "top or none")]
    [InlineData("np", "needs network weights", "top or none")]
    [InlineData("fp:window=3", "needs Vietoris–Rips diagram distances", "top or none")]
    public async Task Bad_criteria_exit_with_code_2_naming_the_problem(string specification, string problem, string allowed)
    {
        var result = await CliFixture.Run("topology", "demo", "--criterion", specification);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("--criterion", result.Stderr);
        Assert.Contains(problem, result.Stderr);
        Assert.Contains(allowed, result.Stderr);
    }

    [Fact]
    public async Task An_unknown_criterion_exits_with_code_2_listing_every_known_criterion()
    {
        var result = await CliFixture.Run("topology", "demo", "--criterion", "fancy");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("unknown stopping criterion 'fancy'", result.Stderr);
        Assert.Contains(string.Join(", ", StoppingCriterionCatalog.Default.Names), result.Stderr);
    }

    [Fact]
    public async Task Criteria_lists_every_criterion_with_its_parameters_and_defaults()
    {
        var result = await CliFixture.Run("topology", "criteria");
        Assert.Equal(0, result.ExitCode);
        foreach (var descriptor in StoppingCriterionCatalog.Default.Descriptors)
        {
            Assert.Contains(descriptor.Name, result.Stdout);
            foreach (var parameter in descriptor.Parameters)
            {
                Assert.Contains(parameter.Name, result.Stdout);
            }
        }
    }
}
