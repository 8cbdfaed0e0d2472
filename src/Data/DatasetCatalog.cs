using System.Reflection;

namespace Orchestrator.Data;

/// <summary>
/// The datasets by name: where each is looked for, whether it is there, and loading it. The catalog
/// discovers every concrete <see cref="DatasetDescriptor"/> with a public parameterless constructor in the
/// given assemblies, so a new dataset needs no registration anywhere else (the same shape as the stopping
/// criteria's catalog in Topology).
/// </summary>
public sealed class DatasetCatalog
{
    private readonly Dictionary<string, DatasetDescriptor> _byName;

    /// <param name="descriptors">The datasets it knows; names must be distinct.</param>
    /// <exception cref="ArgumentException">Two descriptors share a name.</exception>
    public DatasetCatalog(IEnumerable<DatasetDescriptor> descriptors)
    {
        _byName = DescriptorDiscovery.ByName(descriptors, d => d.Name, "datasets");
        Descriptors = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        Names = [.. Descriptors.Select(d => d.Name)];
    }

    /// <summary>The datasets of this library (<c>fashion-mnist</c>, <c>mnist</c>, <c>cifar10</c>, …).</summary>
    public static DatasetCatalog Default { get; } = Discover(typeof(DatasetDescriptor).Assembly);

    /// <summary>The known datasets, sorted by name.</summary>
    public IReadOnlyList<DatasetDescriptor> Descriptors { get; }

    /// <summary>The names of the known datasets, sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>A catalog of every descriptor found in <paramref name="assemblies"/>.</summary>
    public static DatasetCatalog Discover(params Assembly[] assemblies) =>
        new(DescriptorDiscovery.Instances<DatasetDescriptor>(assemblies));

    /// <summary>True when <paramref name="name"/> is a known dataset (exact name).</summary>
    public bool IsKnown(string name) => name is not null && _byName.ContainsKey(name);

    /// <summary>The descriptor named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public DatasetDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var descriptor)
            ? descriptor
            : throw new ArgumentException($"unknown dataset '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
    }

    /// <summary>Where every dataset stands on this machine.</summary>
    public IReadOnlyList<DatasetAvailability> Survey(string? dataDirectory = null)
    {
        var directory = DataDirectory.Resolve(dataDirectory);
        return [.. Descriptors.Select(d => d.Locate(directory))];
    }

    /// <summary>Where <paramref name="name"/> stands on this machine.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public DatasetAvailability Availability(string name, string? dataDirectory = null) =>
        Find(name).Locate(DataDirectory.Resolve(dataDirectory));

    /// <summary>Loads <paramref name="name"/> from the data directory.</summary>
    /// <exception cref="DatasetFormatException">The dataset is missing (the message says how to install it) or malformed.</exception>
    public DatasetSplit Load(string name, string? dataDirectory = null)
    {
        var descriptor = Find(name);
        var directory = DataDirectory.Resolve(dataDirectory);
        var availability = descriptor.Locate(directory);
        if (!availability.Available)
        {
            throw new DatasetFormatException($"dataset '{name}' is not available ({availability.Detail} at {availability.Location}); to install: {availability.InstallHint}");
        }

        return descriptor.Load(availability, directory);
    }
}
