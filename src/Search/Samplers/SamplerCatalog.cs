using System.Reflection;

namespace Orchestrator.Search.Samplers;

/// <summary>The samplers by name (<c>grid</c>, <c>random</c>, <c>tpe</c>, …), discovered by reflection.</summary>
public sealed class SamplerCatalog : ComponentCatalog<SamplerDescriptor>
{
    /// <param name="descriptors">The samplers it knows; names distinct (case-insensitive).</param>
    public SamplerCatalog(IEnumerable<SamplerDescriptor> descriptors)
        : base("sampler", descriptors)
    {
    }

    /// <summary>The samplers of this library.</summary>
    public static SamplerCatalog Default { get; } = Discover(typeof(ISampler).Assembly);

    /// <summary>A catalog of every sampler descriptor found in <paramref name="assemblies"/>.</summary>
    public static SamplerCatalog Discover(params Assembly[] assemblies) => new(DiscoverIn(assemblies));

    /// <summary>Creates the sampler <paramref name="name"/> with <paramref name="parameters"/> (missing ones take their defaults).</summary>
    /// <exception cref="ArgumentException">Unknown sampler or parameter, or a bad value; the message says what is allowed.</exception>
    public ISampler Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var descriptor = Find(name);
        return descriptor.Create(ArgumentsFor(descriptor, parameters));
    }
}
