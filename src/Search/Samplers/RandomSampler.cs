namespace Orchestrator.Search.Samplers;

/// <summary>
/// Independent draws from each parameter's own distribution (the prior), in dependency order so a
/// conditional parameter is drawn only when active. The baseline every adaptive sampler must beat.
/// </summary>
public sealed class RandomSampler : ISampler
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public Configuration Propose(SearchSpace space, int seed, StudyHistory history)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        return Draw(space, SamplerRandom.For(seed, history));
    }

    /// <summary>A configuration drawn from the priors with <paramref name="random"/> (TPE's start-up trials use the same).</summary>
    internal static Configuration Draw(SearchSpace space, Random random)
    {
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var parameter in space.SamplingOrder)
        {
            if (parameter.IsActiveIn(values))
            {
                values[parameter.Name] = parameter.Distribution.SamplePrior(random);
            }
        }

        return new Configuration(values);
    }

    /// <summary>Registers <c>random</c> with <see cref="SamplerCatalog"/>.</summary>
    public sealed class Descriptor : SamplerDescriptor
    {
        /// <inheritdoc />
        public override string Name => "random";

        /// <inheritdoc />
        public override string Description => "independent uniform draws from each parameter's distribution";

        /// <inheritdoc />
        public override IReadOnlyList<ComponentParameter> Parameters { get; } = [];

        /// <inheritdoc />
        public override ISampler Create(ComponentArguments arguments) => new RandomSampler();
    }
}
