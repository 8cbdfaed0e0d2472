using System.Reflection;
using Orchestrator.Client.Core.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class ClientCoreDependencyTests
{
    [Fact]
    public void The_client_library_never_references_torchsharp_the_training_engine_or_the_grains()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(SweepMonitor).Assembly]);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Pop().GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || reference.Name!.StartsWith("System", StringComparison.Ordinal) || reference.Name == "netstandard" || reference.Name == "mscorlib")
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                }
            }
        }

        Assert.Contains("Orchestrator.Contracts", seen);
        Assert.Contains("Orchestrator.Topology", seen);
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Orchestrator.Training", seen);
        Assert.DoesNotContain("Orchestrator.Grains", seen);
    }
}
