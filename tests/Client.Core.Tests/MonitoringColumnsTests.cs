using Orchestrator.Client.Core.Reports;

namespace Orchestrator.Client.Core.Tests;

/// <summary>What a method is charged for monitoring follows the signals its criterion declares in the Topology catalog.</summary>
public sealed class MonitoringColumnsTests
{
    private static readonly string[] Available = ["train_s", "probe_s", "connectome_s", "validation_s", "topology_s", "test_s"];

    [Theory]
    [InlineData("top", "probe_s,connectome_s,topology_s")]
    [InlineData("fp", "probe_s,connectome_s,topology_s")]
    [InlineData("np", "topology_s")]
    [InlineData("vl", "validation_s")]
    [InlineData("none", "")]
    public void Each_criterion_is_charged_the_columns_of_the_signals_it_reads(string method, string expected)
    {
        Assert.Equal(expected, string.Join(',', MethodSummary.MonitoringColumnsOf(method, Available)));
    }

    [Fact]
    public void A_method_unknown_to_the_catalog_is_charged_only_its_own_column()
    {
        Assert.Equal(["custom_s"], MethodSummary.MonitoringColumnsOf("custom", [.. Available, "custom_s"]));
        Assert.Empty(MethodSummary.MonitoringColumnsOf("custom", Available));
    }
}
