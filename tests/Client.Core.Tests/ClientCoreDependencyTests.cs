using Orchestrator.Client.Core.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class ClientCoreDependencyTests
{
    [Fact]
    public void The_client_library_never_references_torchsharp_the_training_engine_or_the_grains()
    {
        var seen = AssemblyClosure.Of(typeof(SweepMonitor).Assembly);

        Assert.Contains("Orchestrator.Contracts", seen);
        Assert.Contains("Orchestrator.Topology", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Orchestrator.Training", seen);
        Assert.DoesNotContain("Orchestrator.Trials", seen);
        Assert.DoesNotContain("Orchestrator.Grains", seen);
    }
}
