using System.Reflection;

namespace Orchestrator.Tests;

/// <summary>
/// The names of every assembly an assembly loads, directly or through others (framework assemblies not
/// followed): what the dependency tests check to keep front ends free of TorchSharp and the training engine.
/// </summary>
internal static class AssemblyClosure
{
    public static IReadOnlySet<string> Of(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Pop().GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || reference.Name!.StartsWith("System", StringComparison.Ordinal) || reference.Name is "netstandard" or "mscorlib")
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // Only what the assembly really loads matters; a reference that is never shipped is not followed.
                }
            }
        }

        return seen;
    }
}
