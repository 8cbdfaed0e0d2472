using System.Reflection;

namespace Orchestrator.Topology.Stopping;

/// <summary>
/// Creates stopping criteria by name and named parameters, for the CLI and sweep files. The catalog
/// discovers every concrete <see cref="StoppingCriterionDescriptor"/> with a public parameterless
/// constructor in the given assemblies (each criterion declares its own nested <c>Descriptor</c>), so a
/// new criterion needs no registration anywhere else.
/// </summary>
public sealed class StoppingCriterionCatalog
{
    private readonly Dictionary<string, StoppingCriterionDescriptor> _byName;

    /// <param name="descriptors">The criteria it knows; names must be distinct (case-insensitive).</param>
    /// <exception cref="ArgumentException">Two descriptors share a name.</exception>
    public StoppingCriterionCatalog(IEnumerable<StoppingCriterionDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _byName = new Dictionary<string, StoppingCriterionDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in descriptors)
        {
            if (!_byName.TryAdd(descriptor.Name, descriptor))
            {
                throw new ArgumentException(
                    $"two stopping criteria are named '{descriptor.Name}' ({_byName[descriptor.Name].GetType().FullName} and {descriptor.GetType().FullName}).",
                    nameof(descriptors));
            }
        }

        Descriptors = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The criteria of this library (<c>none</c>, <c>top</c>, <c>vl</c>, …).</summary>
    public static StoppingCriterionCatalog Default { get; } = Discover(typeof(IStoppingCriterion).Assembly);

    /// <summary>The known criteria, by name.</summary>
    public IReadOnlyList<StoppingCriterionDescriptor> Descriptors { get; }

    /// <summary>The names of the known criteria, sorted.</summary>
    public IEnumerable<string> Names => Descriptors.Select(d => d.Name);

    /// <summary>A catalog of every descriptor found in <paramref name="assemblies"/>.</summary>
    public static StoppingCriterionCatalog Discover(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var descriptors = assemblies
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                        && typeof(StoppingCriterionDescriptor).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (StoppingCriterionDescriptor)Activator.CreateInstance(t)!);
        return new StoppingCriterionCatalog(descriptors);
    }

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public StoppingCriterionDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name.Trim(), out var descriptor)
            ? descriptor
            : throw new ArgumentException(
                $"unknown stopping criterion '{name}'; known criteria: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Creates the criterion <paramref name="name"/> with <paramref name="parameters"/> (missing ones take their defaults).</summary>
    /// <exception cref="ArgumentException">Unknown criterion or parameter, or a bad value; the message names it and lists what is allowed.</exception>
    public IStoppingCriterion Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var descriptor = Find(name);
        return descriptor.Create(new StoppingCriterionArguments(descriptor.Name, descriptor.Parameters, parameters));
    }

    /// <summary>
    /// Creates a criterion from a one-line specification: <c>name</c> or
    /// <c>name:param=value,param=value</c> (e.g. <c>top:window=7,patience=4</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The text is malformed, or as for <see cref="Create"/>.</exception>
    public IStoppingCriterion Parse(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var colon = specification.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? specification : specification[..colon];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (colon >= 0)
        {
            foreach (var pair in specification[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException(
                        $"'{pair}' in stopping criterion '{specification}' is not param=value (e.g. top:window=5,patience=5).", nameof(specification));
                }

                var key = pair[..equals].Trim();
                if (!parameters.TryAdd(key, pair[(equals + 1)..].Trim()))
                {
                    throw new ArgumentException($"parameter '{key}' is given twice in stopping criterion '{specification}'.", nameof(specification));
                }
            }
        }

        return Create(name.Trim(), parameters);
    }
}
