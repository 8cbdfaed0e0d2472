using System.Reflection;
using Orchestrator.Client;

namespace Orchestrator.Grains.Tests;

public sealed class ClientDependencyTests
{
    [Fact]
    public void The_cli_never_references_torchsharp_or_the_training_engine()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(CliApplication).Assembly]);
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
        Assert.DoesNotContain(seen, name => name.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Orchestrator.Training", seen);
        Assert.DoesNotContain("Orchestrator.Grains", seen);
    }
}
