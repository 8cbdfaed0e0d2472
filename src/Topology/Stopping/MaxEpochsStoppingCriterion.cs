using System.Globalization;

namespace Orchestrator.Topology.Stopping;

/// <summary>Never stops early: trains for exactly <c>maxEpochs</c> epochs (the "none" reference).</summary>
public sealed class MaxEpochsStoppingCriterion : IStoppingCriterion
{
    /// <param name="maxEpochs">Epochs to train; must be ≥ 1.</param>
    public MaxEpochsStoppingCriterion(int maxEpochs = PlateauRuleOptions.DefaultMaxEpochs)
    {
        MaxEpochs = ParameterCheck.AtLeast(maxEpochs, 1, "maxEpochs");
    }

    /// <inheritdoc />
    public string Name => "none";

    /// <summary>Epochs to train.</summary>
    public int MaxEpochs { get; }

    /// <inheritdoc />
    /// <remarks>The best epoch is the latest: without a signal, the last model is the one kept.</remarks>
    public StoppingDecision Observe(EpochObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Epoch >= MaxEpochs
            ? StoppingDecision.Stop(observation.Epoch, string.Create(CultureInfo.InvariantCulture, $"reached max epochs ({MaxEpochs})"))
            : StoppingDecision.Continue(observation.Epoch);
    }

    /// <summary>Registers <c>none</c> with <see cref="StoppingCriterionCatalog"/>.</summary>
    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        /// <inheritdoc />
        public override string Name => "none";

        /// <inheritdoc />
        public override string Description => "never stops early: trains for maxEpochs epochs";

        /// <inheritdoc />
        public override CriterionSignals Signals => CriterionSignals.None;

        /// <inheritdoc />
        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } =
        [
            new("maxEpochs", PlateauRuleOptions.DefaultMaxEpochs.ToString(CultureInfo.InvariantCulture), "epochs to train, integer ≥ 1"),
        ];

        /// <inheritdoc />
        public override IStoppingCriterion Create(StoppingCriterionArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            var maxEpochs = arguments.GetInt("maxEpochs");
            return arguments.Build(() => new MaxEpochsStoppingCriterion(maxEpochs));
        }
    }
}
