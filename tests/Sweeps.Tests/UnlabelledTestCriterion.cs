using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

/// <summary>A criterion that exists only in this test assembly and needs no labels (only the connectome signature).</summary>
public sealed class UnlabelledTestCriterion : IStoppingCriterion
{
    public string Name => "test-unlabelled";

    public StoppingDecision Observe(EpochObservation observation) => StoppingDecision.Continue(observation.Epoch);

    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        public override string Name => "test-unlabelled";

        public override string Description => "test criterion reading only the graph distance";

        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } = [];

        public override IStoppingCriterion Create(StoppingCriterionArguments arguments) => new UnlabelledTestCriterion();
    }
}
