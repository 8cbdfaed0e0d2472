namespace Orchestrator.Topology.Stopping;

/// <summary>Never stops early: trains for exactly <c>maxEpochs</c> epochs (the "none" reference).</summary>
public sealed class MaxEpochsStoppingCriterion : IStoppingCriterion
{
    private readonly int _maxEpochs;

    /// <param name="maxEpochs">Epochs to train; must be ≥ 1.</param>
    public MaxEpochsStoppingCriterion(int maxEpochs)
    {
        if (maxEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "maxEpochs must be at least 1.");
        }

        _maxEpochs = maxEpochs;
    }

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public StoppingDecision Observe(EpochObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Epoch >= _maxEpochs
            ? StoppingDecision.Stop(observation.Epoch, $"reached max epochs ({_maxEpochs})")
            : StoppingDecision.Continue(observation.Epoch);
    }
}
