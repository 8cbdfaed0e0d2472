namespace Orchestrator.Client.Tests;

public sealed class ClientDependencyTests
{
    [Fact]
    public void The_cli_never_references_torchsharp_or_the_training_engine()
    {
        var seen = AssemblyClosure.Of(typeof(CliApplication).Assembly);

        Assert.Contains("Orchestrator.Contracts", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Orchestrator.Training", seen);
        Assert.DoesNotContain("Orchestrator.Trials", seen);
        Assert.DoesNotContain("Orchestrator.Grains", seen);
    }
}
