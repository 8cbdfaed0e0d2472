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

    [Fact]
    public void Ignores_every_signal_even_NaN()
    {
        var criterion = new MaxEpochsStoppingCriterion(5);
        for (var e = 1; e < 5; e++)
        {
            var observation = new EpochObservation(e, double.NaN)
            {
                ValidationLoss = double.NaN,
                GraphDistance = new TopologicalDistance(2, double.NaN, 0, double.NaN),
            };
            var decision = criterion.Observe(observation);
            Assert.False(decision.ShouldStop);
            Assert.Equal(e, decision.BestEpoch);
        }
    }

    [Fact]
    public void Max_epochs_below_one_is_rejected_by_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxEpochsStoppingCriterion(0));
        Assert.Equal("maxEpochs", ex.ParamName);
        Assert.Contains("≥ 1", ex.Message);
    }
}
