using System.Reflection;

namespace Orchestrator.Data.Models;

/// <summary>
/// The networks by name and the default network of each dataset, discovered from every concrete
/// <see cref="ModelDescriptor"/> in the given assemblies (the same shape as <see cref="DatasetCatalog"/>).
/// The Torch network itself is built in the training engine from <see cref="ModelDescriptor.Architecture"/>.
/// </summary>
public sealed class ModelDescriptorCatalog
{
    private readonly Dictionary<string, ModelDescriptor> _byName;
    private readonly Dictionary<string, ModelDescriptor> _byDataset = new(StringComparer.Ordinal);
    private readonly ModelDescriptor? _fallback;

    /// <param name="descriptors">The models it knows.</param>
    /// <exception cref="ArgumentException">Two models share a name, claim the same dataset, or are both the fallback.</exception>
    public ModelDescriptorCatalog(IEnumerable<ModelDescriptor> descriptors)
    {
        _byName = DescriptorDiscovery.ByName(descriptors, d => d.Name, "models");
        Descriptors = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        Names = [.. Descriptors.Select(d => d.Name)];
        foreach (var descriptor in Descriptors)
        {
            foreach (var dataset in descriptor.DefaultFor)
            {
                if (!_byDataset.TryAdd(dataset, descriptor))
                {
                    throw new ArgumentException($"models '{_byDataset[dataset].Name}' and '{descriptor.Name}' both claim to be the default of dataset '{dataset}'.", nameof(descriptors));
                }
            }

            if (descriptor.IsFallbackDefault)
            {
                _fallback = _fallback is null
                    ? descriptor
                    : throw new ArgumentException($"models '{_fallback.Name}' and '{descriptor.Name}' are both the fallback default.", nameof(descriptors));
            }
        }
    }

    /// <summary>The models of this library (<c>mlp-fashion</c>, <c>mlp-mnist</c>, <c>mlp-small</c>, <c>vgg-small</c>).</summary>
    public static ModelDescriptorCatalog Default { get; } = Discover(typeof(ModelDescriptor).Assembly);

    /// <summary>The known models, sorted by name.</summary>
    public IReadOnlyList<ModelDescriptor> Descriptors { get; }

    /// <summary>The names of the known models, sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>A catalog of every descriptor found in <paramref name="assemblies"/>.</summary>
    public static ModelDescriptorCatalog Discover(params Assembly[] assemblies) =>
        new(DescriptorDiscovery.Instances<ModelDescriptor>(assemblies));

    /// <summary>True when <paramref name="name"/> is a known model (exact name).</summary>
    public bool IsKnown(string name) => name is not null && _byName.ContainsKey(name);

    /// <summary>The descriptor named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public ModelDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var descriptor)
            ? descriptor
            : throw new ArgumentException($"unknown model '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
    }

    /// <summary>The name of the default network of <paramref name="dataset"/>: the model claiming it, else the fallback.</summary>
    /// <exception cref="InvalidOperationException">No model claims the dataset and none is the fallback.</exception>
    public string DefaultFor(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return _byDataset.TryGetValue(dataset, out var claimed) ? claimed.Name
            : _fallback?.Name ?? throw new InvalidOperationException($"no model is the default of dataset '{dataset}' and none is the fallback default.");
    }
}
