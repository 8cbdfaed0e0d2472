using Orchestrator.Topology.Stopping;

namespace Orchestrator.Trials.Tests;

/// <summary>
/// A criterion that lives only in this test assembly, written as a new criterion would be: one class with
/// its nested descriptor and nothing registered anywhere else. It reads both baselines' signals and stops
/// after a fixed number of epochs, keeping what it was shown.
/// </summary>
internal sealed class BaselineSignalsCriterion(int epochs) : IStoppingCriterion
{
    public string Name => "baseline-signals";

    public List<EpochObservation> Seen { get; } = [];

    public StoppingDecision Observe(EpochObservation observation)
    {
        Seen.Add(observation);
        return observation.Epoch >= epochs
            ? StoppingDecision.Stop(observation.Epoch, $"saw {epochs} epochs")
            : StoppingDecision.Continue(observation.Epoch);
    }

    public sealed class Descriptor : StoppingCriterionDescriptor
    {
        public override string Name => "baseline-signals";

        public override string Description => "stops after a fixed number of epochs, reading the FP and NP signals (tests only)";

        public override CriterionSignals Signals => CriterionSignals.DiagramDistance | CriterionSignals.NeuralPersistence;

        public override IReadOnlyList<StoppingCriterionParameter> Parameters { get; } = [new("epochs", "3", "epochs before stopping, integer ≥ 1")];

        public override IStoppingCriterion Create(StoppingCriterionArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            return new BaselineSignalsCriterion(arguments.GetInt("epochs"));
        }
    }
}
