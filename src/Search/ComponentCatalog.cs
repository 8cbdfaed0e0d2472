using System.Reflection;

namespace Orchestrator.Search;

/// <summary>
/// Descriptors of one kind by name, found by reflection: every concrete <typeparamref name="TDescriptor"/>
/// with a public parameterless constructor in the given assemblies. Adding a sampler or scheduler is
/// adding one file with its nested <c>Descriptor</c>; nothing registers it anywhere else.
/// </summary>
/// <typeparam name="TDescriptor">The descriptor kind (samplers or schedulers).</typeparam>
public abstract class ComponentCatalog<TDescriptor>
    where TDescriptor : ComponentDescriptor
{
    private readonly Dictionary<string, TDescriptor> _byName;
    private readonly string _kind;

    /// <param name="kind">What the components are, for messages (e.g. <c>sampler</c>).</param>
    /// <param name="descriptors">The components it knows; names distinct (case-insensitive).</param>
    /// <exception cref="ArgumentException">Two descriptors share a name.</exception>
    protected ComponentCatalog(string kind, IEnumerable<TDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _kind = kind;
        _byName = new Dictionary<string, TDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in descriptors)
        {
            if (!_byName.TryAdd(descriptor.Name, descriptor))
            {
                throw new ArgumentException(
                    $"two {kind}s are named '{descriptor.Name}' ({_byName[descriptor.Name].GetType().FullName} and {descriptor.GetType().FullName}).",
                    nameof(descriptors));
            }
        }

        Descriptors = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The known components, sorted by name.</summary>
    public IReadOnlyList<TDescriptor> Descriptors { get; }

    /// <summary>The names of the known components, sorted.</summary>
    public IEnumerable<string> Names => Descriptors.Select(d => d.Name);

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public TDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name.Trim(), out var descriptor)
            ? descriptor
            : throw new ArgumentException($"unknown {_kind} '{name}'; known {_kind}s: {string.Join(", ", Names)}.");
    }

    /// <summary>The arguments for <paramref name="descriptor"/> (unknown names refused, defaults filled in).</summary>
    protected static ComponentArguments ArgumentsFor(TDescriptor descriptor, IReadOnlyDictionary<string, string>? parameters) =>
        new(descriptor.Name, descriptor.Parameters, parameters);

    /// <summary>Every concrete <typeparamref name="TDescriptor"/> with a public parameterless constructor in <paramref name="assemblies"/>.</summary>
    protected static IEnumerable<TDescriptor> DiscoverIn(IEnumerable<Assembly> assemblies) =>
        assemblies
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                        && typeof(TDescriptor).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (TDescriptor)Activator.CreateInstance(t)!);
}
