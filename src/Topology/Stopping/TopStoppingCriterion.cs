namespace Orchestrator.Topology.Stopping;

/// <summary>
/// TOP: stops when the dynamic signature of the functional connectome settles, i.e. when the
/// smoothed Wasserstein distance between consecutive epochs' birth–death decompositions
/// (<see cref="EpochObservation.GraphDistance"/>) reaches a plateau under <see cref="SmoothedPlateauRule"/>.
/// Epochs without a distance (the first) are not evaluated.
/// </summary>
public sealed class TopStoppingCriterion : IStoppingCriterion, IPlateauCriterion
{
    private readonly SmoothedPlateauRule _rule;

    /// <param name="options">The plateau rule's parameters; null uses the defaults.</param>
    /// <param name="component">The part of the distance to watch (default: combined <c>w</c>).</param>
    public TopStoppingCriterion(PlateauRuleOptions? options = null, GraphDistanceComponent component = GraphDistanceComponent.W)
    {
        Component = ParameterCheck.Defined(component, "component");
        _rule = new SmoothedPlateauRule(options ?? new PlateauRuleOptions(), Component.ToString().ToLowerInvariant());
    }

    /// <inheritdoc />
    public string Name => "top";

    /// <summary>The part of the distance watched.</summary>
    public GraphDistanceComponent Component { get; }

    /// <summary>The plateau rule's parameters.</summary>
    public PlateauRuleOptions Options => _rule.Options;

    /// <inheritdoc />
    public SmoothedPlateauRule Rule => _rule;

    /// <summary>The latest smoothed distance, or null before a full window.</summary>
    public double? Smoothed => _rule.Smoothed;

    /// <inheritdoc />
    public StoppingDecision Observe(EpochObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var distance = observation.GraphDistance;
        double? signal = distance is null
            ? null
            : Component switch
            {
                GraphDistanceComponent.W0 => distance.W0,
                GraphDistanceComponent.W1 => distance.W1,
                _ => distance.W,
            };
        return _rule.Observe(observation.Epoch, signal);
    }

    /// <summary>Registers <c>top</c> with <see cref="StoppingCriterionCatalog"/>.</summary>
    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        private static readonly Dictionary<string, GraphDistanceComponent> Components = new()
        {
            ["w"] = GraphDistanceComponent.W,
            ["w0"] = GraphDistanceComponent.W0,
            ["w1"] = GraphDistanceComponent.W1,
        };

        /// <inheritdoc />
        public override string Name => "top";

        /// <inheritdoc />
        public override string Description => "plateau of the smoothed topological distance between consecutive epochs (no labelled hold-out)";

        /// <inheritdoc />
        public override CriterionSignals Signals => CriterionSignals.GraphDistance;

        /// <inheritdoc />
        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } =
        [
            new("component", "w", "w (combined), w0 (births, 0-D) or w1 (deaths, 1-D)"),
            .. PlateauRuleParameters.Definitions,
        ];

        /// <inheritdoc />
        public override IStoppingCriterion Create(StoppingCriterionArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            var component = arguments.GetChoice("component", Components);
            return new TopStoppingCriterion(PlateauRuleParameters.Read(arguments), component);
        }
    }
}
