using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class MaxEpochsStoppingCriterionTests
{
    [Fact]
    public void Continues_until_the_last_epoch_then_stops()
    {
        var criterion = new MaxEpochsStoppingCriterion(3);
        Assert.False(criterion.Observe(new EpochObservation(1, 1.0)).ShouldStop);
        Assert.False(criterion.Observe(new EpochObservation(2, 0.5)).ShouldStop);
        var last = criterion.Observe(new EpochObservation(3, 0.4));
        Assert.True(last.ShouldStop);
        Assert.Contains("max epochs", last.Reason);
    }
}
