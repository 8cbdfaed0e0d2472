namespace Orchestrator.Topology.Stopping;

/// <summary>
/// VL: classic early stopping on the held-out validation loss. Stops after <c>patience</c> epochs in
/// which the loss did not fall more than <c>minDelta</c> below the last improvement; a NaN/±∞ loss
/// stops at once (the run diverged). The best epoch is that of the lowest validation loss.
/// </summary>
public sealed class ValidationLossStoppingCriterion : IStoppingCriterion
{
    /// <summary>Default patience in epochs.</summary>
    public const int DefaultPatience = 5;

    private readonly SmoothedPlateauRule _rule;

    /// <param name="patience">Epochs without improvement before stopping, ≥ 1.</param>
    /// <param name="minDelta">Smallest decrease of the loss that counts as an improvement, ≥ 0.</param>
    /// <param name="maxEpochs">Hard limit on epochs, ≥ 1.</param>
    public ValidationLossStoppingCriterion(
        int patience = DefaultPatience, double minDelta = 0, int maxEpochs = PlateauRuleOptions.DefaultMaxEpochs)
    {
        // Plain patience is the plateau rule without smoothing, warm-up or relative threshold.
        _rule = new SmoothedPlateauRule(
            new PlateauRuleOptions
            {
                Window = 1,
                RelativeThreshold = 0,
                WarmUp = 0,
                Patience = ParameterCheck.AtLeast(patience, 1, "patience"),
                MinDelta = ParameterCheck.NonNegative(minDelta, "minDelta"),
                MaxEpochs = ParameterCheck.AtLeast(maxEpochs, 1, "maxEpochs"),
                OnNonFinite = NonFiniteSignalPolicy.Stop,
            },
            "validation loss");
    }

    /// <inheritdoc />
    public string Name => "vl";

    /// <summary>The epochs-without-improvement limit.</summary>
    public int Patience => _rule.Options.Patience;

    /// <summary>The smallest decrease that counts.</summary>
    public double MinDelta => _rule.Options.MinDelta;

    /// <summary>The hard limit on epochs.</summary>
    public int MaxEpochs => _rule.Options.MaxEpochs;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The observation has no validation loss.</exception>
    public StoppingDecision Observe(EpochObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.ValidationLoss is not double loss)
        {
            throw new ArgumentException(
                $"epoch {observation.Epoch} has no ValidationLoss; the vl criterion needs a validation split (ValidationFraction > 0).",
                nameof(observation));
        }

        return _rule.Observe(observation.Epoch, loss);
    }

    /// <summary>Registers <c>vl</c> with <see cref="StoppingCriterionCatalog"/>.</summary>
    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        /// <inheritdoc />
        public override string Name => "vl";

        /// <inheritdoc />
        public override string Description => "patience on the validation loss (needs a labelled hold-out)";

        /// <inheritdoc />
        public override CriterionSignals Signals => CriterionSignals.ValidationLoss;

        /// <inheritdoc />
        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } =
        [
            new("patience", DefaultPatience.ToString(System.Globalization.CultureInfo.InvariantCulture), "epochs without improvement before stopping, integer ≥ 1"),
            new("minDelta", "0", "smallest decrease of the loss that counts as an improvement, ≥ 0"),
            new("maxEpochs", PlateauRuleOptions.DefaultMaxEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "hard limit on epochs, integer ≥ 1"),
        ];

        /// <inheritdoc />
        public override IStoppingCriterion Create(StoppingCriterionArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            var patience = arguments.GetInt("patience");
            var minDelta = arguments.GetDouble("minDelta");
            var maxEpochs = arguments.GetInt("maxEpochs");
            return arguments.Build(() => new ValidationLossStoppingCriterion(patience, minDelta, maxEpochs));
        }
    }
}
