using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

/// <summary>
/// A criterion that exists only in this test assembly and reads the validation loss: discovering it proves
/// that adding a criterion is adding one file, sweep files and hold-outs included.
/// </summary>
public sealed class HoldOutTestCriterion : IStoppingCriterion
{
    public string Name => "test-holdout";

    public StoppingDecision Observe(EpochObservation observation) => StoppingDecision.Continue(observation.Epoch);

    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        public override string Name => "test-holdout";

        public override string Description => "test criterion reading the validation loss";

        public override CriterionSignals Signals => CriterionSignals.ValidationLoss | CriterionSignals.GraphDistance;

        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } = [new("patience", "3", "epochs, integer ≥ 1")];

        public override IStoppingCriterion Create(StoppingCriterionArguments arguments) => new HoldOutTestCriterion();
    }
}
