using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Grains;

/// <summary>Creates a fresh stopping criterion for a trial's stopping method.</summary>
public interface IStoppingCriterionFactory
{
    /// <summary>A new criterion instance for <paramref name="method"/>; throws <see cref="ArgumentException"/> for unknown methods.</summary>
    IStoppingCriterion Create(StoppingMethod method, int maxEpochs);

    /// <summary>The per-epoch signals the criterion of <paramref name="method"/> reads (so a run computes only those).</summary>
    CriterionSignals SignalsOf(StoppingMethod method);
}
