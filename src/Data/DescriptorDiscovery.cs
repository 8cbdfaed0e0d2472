using System.Reflection;

namespace Orchestrator.Data;

/// <summary>The reflection both catalogs of this library share: find descriptors, index them by a unique name.</summary>
internal static class DescriptorDiscovery
{
    /// <summary>One instance of every concrete <typeparamref name="T"/> with a public parameterless constructor.</summary>
    public static IEnumerable<T> Instances<T>(Assembly[] assemblies)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return assemblies
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                        && typeof(T).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (T)Activator.CreateInstance(t)!);
    }

    /// <summary>The descriptors by name (ordinal: names are written exactly in files and on command lines).</summary>
    /// <exception cref="ArgumentException">Two descriptors share a name.</exception>
    public static Dictionary<string, T> ByName<T>(IEnumerable<T> descriptors, Func<T, string> name, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            if (!byName.TryAdd(name(descriptor), descriptor))
            {
                throw new ArgumentException(
                    $"two {what} are named '{name(descriptor)}' ({byName[name(descriptor)].GetType().FullName} and {descriptor.GetType().FullName}).",
                    nameof(descriptors));
            }
        }

        return byName;
    }
}
