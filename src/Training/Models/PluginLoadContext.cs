using System.Reflection;
using System.Runtime.Loader;

namespace Orchestrator.Training.Models;

/// <summary>
/// The load context of one plugin assembly: its own dependencies come from its folder (through its
/// <c>.deps.json</c>), while ours (<c>Orchestrator.*</c>, TorchSharp) and the framework's come from the silo, so the
/// plugin's network derives from the very <see cref="ConnectomeNetwork"/> the silo trains.
/// </summary>
internal sealed class PluginLoadContext(string assemblyPath) : AssemblyLoadContext($"plugin:{Path.GetFileName(assemblyPath)}")
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? string.Empty;
        if (name.StartsWith("Orchestrator.", StringComparison.Ordinal) || name.StartsWith("TorchSharp", StringComparison.Ordinal)
            || Default.Assemblies.Any(a => a.GetName().Name == name))
        {
            return null;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
