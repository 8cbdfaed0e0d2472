namespace Orchestrator.Search.Samplers;

/// <summary>
/// The Cartesian product of every choice and int parameter, in declaration order with the last parameter
/// varying fastest (today's grid behaviour); an inactive conditional parameter is not varied, so no point is
/// repeated. Proposes the first point no trial has had yet (in any state, so a failed point is not retried)
/// and null once all are taken. The seed plays no part: the order is the enumeration order.
/// </summary>
public sealed class GridSampler : ISampler
{
    /// <summary>The most points a grid may have; beyond it a search should sample, not enumerate.</summary>
    public const int MaxPoints = 100_000;

    /// <inheritdoc />
    public string Name => "grid";

    /// <inheritdoc />
    public Configuration? Propose(SearchSpace space, int seed, StudyHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var taken = history.Trials.Select(t => t.Parameters).ToHashSet();
        return Enumerate(space).FirstOrDefault(point => !taken.Contains(point));
    }

    /// <summary>Every point of the grid, in enumeration order.</summary>
    /// <exception cref="ArgumentException">A parameter is real-valued, or the grid has more than <see cref="MaxPoints"/> points.</exception>
    public static IReadOnlyList<Configuration> Enumerate(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (Problems(space).FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"grid: {problem}", nameof(space));
        }

        var points = new List<Configuration>();
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        Expand(0);
        return points;

        void Expand(int index)
        {
            if (points.Count > MaxPoints)
            {
                throw new ArgumentException($"grid: the space has more than {MaxPoints:N0} points; use the random or tpe sampler.", nameof(space));
            }

            if (index == space.SamplingOrder.Count)
            {
                points.Add(new Configuration(values));
                return;
            }

            var parameter = space.SamplingOrder[index];
            if (!parameter.IsActiveIn(values))
            {
                Expand(index + 1);
                return;
            }

            foreach (var value in ValuesOf(parameter.Distribution))
            {
                values[parameter.Name] = value;
                Expand(index + 1);
            }

            values.Remove(parameter.Name);
        }
    }

    private static IEnumerable<ParameterValue> ValuesOf(ParameterDistribution distribution) => distribution switch
    {
        ChoiceDistribution choice => choice.Options,
        IntDistribution range => Enumerable.Range(0, checked((int)(range.HighInt - range.LowInt + 1))).Select(i => ParameterValue.Of(range.LowInt + i)),
        _ => throw new ArgumentException($"grid cannot enumerate a {distribution.Kind} parameter.", nameof(distribution)),
    };

    private static IEnumerable<string> Problems(SearchSpace space) =>
        space.Parameters
            .Where(p => p.Distribution is not (ChoiceDistribution or IntDistribution))
            .Select(p => $"'{p.Name}' is {p.Distribution.Kind}; a grid enumerates only choice and int parameters (use the random or tpe sampler, or a choice of values).");

    /// <summary>Registers <c>grid</c> with <see cref="SamplerCatalog"/>.</summary>
    public sealed class Descriptor : SamplerDescriptor
    {
        /// <inheritdoc />
        public override string Name => "grid";

        /// <inheritdoc />
        public override string Description => "every combination of the choice and int parameters, in order";

        /// <inheritdoc />
        public override IReadOnlyList<ComponentParameter> Parameters { get; } = [];

        /// <inheritdoc />
        public override IEnumerable<string> Incompatibilities(SearchSpace space) => Problems(space);

        /// <inheritdoc />
        public override ISampler Create(ComponentArguments arguments) => new GridSampler();
    }
}
