using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Grains;

/// <summary>The criteria of <c>src/Topology/Stopping</c> by sweep-file name.</summary>
public sealed class StoppingCriterionCatalog : IStoppingCriterionFactory
{
    /// <inheritdoc />
    public IStoppingCriterion Create(StoppingMethod method, int maxEpochs)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Name switch
        {
            "none" => new MaxEpochsStoppingCriterion(maxEpochs),
            _ => throw new ArgumentException($"stopping method '{method.Name}' is not available in this build", nameof(method)),
        };
    }
}
