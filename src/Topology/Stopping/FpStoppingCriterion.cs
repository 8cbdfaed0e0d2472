namespace Orchestrator.Topology.Stopping;

/// <summary>
/// FP: the baseline on standard persistent homology. Stops when the smoothed distance between consecutive
/// epochs' Vietoris–Rips persistence diagrams of the connectome (<see cref="EpochObservation.DiagramDistance"/>,
/// computed with <see cref="Diagrams.DiagramDistance"/>) reaches a plateau under exactly the same
/// <see cref="SmoothedPlateauRule"/> and parameters as TOP, so a comparison isolates the topology, not the rule.
/// Epochs without a distance (the first) are not evaluated.
/// </summary>
public sealed class FpStoppingCriterion : IStoppingCriterion, IPlateauCriterion
{
    private readonly SmoothedPlateauRule _rule;

    /// <param name="options">The plateau rule's parameters; null uses the defaults (the same as TOP's).</param>
    public FpStoppingCriterion(PlateauRuleOptions? options = null)
    {
        _rule = new SmoothedPlateauRule(options ?? new PlateauRuleOptions(), "diagram distance");
    }

    /// <inheritdoc />
    public string Name => "fp";

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
        return _rule.Observe(observation.Epoch, observation.DiagramDistance);
    }

    /// <summary>Registers <c>fp</c> with <see cref="StoppingCriterionCatalog"/>.</summary>
    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        /// <inheritdoc />
        public override string Name => "fp";

        /// <inheritdoc />
        public override string Description => "plateau of the smoothed distance between consecutive Vietoris–Rips persistence diagrams (same rule as top)";

        /// <inheritdoc />
        public override CriterionSignals Signals => CriterionSignals.DiagramDistance;

        /// <inheritdoc />
        public override IReadOnlyList<StoppingCriterionParameter> Parameters => PlateauRuleParameters.Definitions;

        /// <inheritdoc />
        public override IStoppingCriterion Create(StoppingCriterionArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            return new FpStoppingCriterion(PlateauRuleParameters.Read(arguments));
        }
    }
}
