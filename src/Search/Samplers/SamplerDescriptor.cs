namespace Orchestrator.Search.Samplers;

/// <summary>
/// Describes a sampler to <see cref="SamplerCatalog"/>. Each sampler declares one as a nested
/// <c>Descriptor</c> class with a public parameterless constructor: adding a sampler is adding one file.
/// </summary>
public abstract class SamplerDescriptor : ComponentDescriptor
{
    /// <summary>
    /// What about <paramref name="space"/> this sampler cannot handle (e.g. a real-valued parameter for
    /// <c>grid</c>), as messages naming the parameter; empty by default.
    /// </summary>
    public virtual IEnumerable<string> Incompatibilities(SearchSpace space) => [];

    /// <summary>Builds the sampler from named arguments (defaults filled in, unknown names already refused).</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range; the message names the parameter.</exception>
    public abstract ISampler Create(ComponentArguments arguments);
}
