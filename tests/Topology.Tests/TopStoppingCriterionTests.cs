using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class TopStoppingCriterionTests
{
    private static EpochObservation Epoch(int epoch, double w0, double w1) =>
        new(epoch, 1.0) { GraphDistance = new TopologicalDistance(2, w0, w1, Math.Sqrt((w0 * w0) + (w1 * w1))) };

    private static int StopEpoch(IStoppingCriterion criterion, IEnumerable<EpochObservation> observations)
    {
        foreach (var observation in observations)
        {
            if (criterion.Observe(observation).ShouldStop)
            {
                return observation.Epoch;
            }
        }

        return 0;
    }

    // Births settle at once; deaths keep falling 20 % per epoch.
    private static IEnumerable<EpochObservation> BirthsSettleDeathsFall() =>
        Enumerable.Range(2, 60).Select(e => Epoch(e, 1.0, 100 * Math.Pow(0.8, e)));

    [Fact]
    public void Watches_the_chosen_component_of_the_distance()
    {
        var options = new PlateauRuleOptions { MaxEpochs = 60 };
        var onBirths = StopEpoch(new TopStoppingCriterion(options, GraphDistanceComponent.W0), BirthsSettleDeathsFall());
        var onDeaths = StopEpoch(new TopStoppingCriterion(options, GraphDistanceComponent.W1), BirthsSettleDeathsFall());
        var combined = StopEpoch(new TopStoppingCriterion(options, GraphDistanceComponent.W), BirthsSettleDeathsFall());

        // w0 is flat: first smoothed value once warm-up and window are over (epoch 10), then patience.
        Assert.Equal(options.WarmUp + options.Window + options.Patience, onBirths);
        Assert.Equal(60, onDeaths);

        // w = sqrt(1 + w1²) falls until w1 is small next to 1, then settles: in between.
        Assert.InRange(combined, onBirths + 1, onDeaths - 1);
    }

    [Fact]
    public void The_first_epoch_has_no_distance_and_is_not_evaluated()
    {
        var criterion = new TopStoppingCriterion(new PlateauRuleOptions { WarmUp = 0, Window = 1, Patience = 1 });
        var first = criterion.Observe(new EpochObservation(1, 2.0));
        Assert.False(first.ShouldStop);
        Assert.Equal(0, first.BestEpoch);
        Assert.Null(criterion.Smoothed);
        Assert.False(criterion.Observe(Epoch(2, 1, 1)).ShouldStop);
        Assert.Equal(Math.Sqrt(2), criterion.Smoothed);
    }

    [Fact]
    public void A_NaN_distance_stops_the_run_with_the_component_named()
    {
        var criterion = new TopStoppingCriterion(component: GraphDistanceComponent.W1);
        Assert.False(criterion.Observe(Epoch(2, 1, 1)).ShouldStop);
        var decision = criterion.Observe(Epoch(3, 1, double.NaN));
        Assert.True(decision.ShouldStop);
        Assert.Contains("w1 is NaN at epoch 3", decision.Reason);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var criterion = new TopStoppingCriterion();
        Assert.Equal("top", criterion.Name);
        Assert.Equal(GraphDistanceComponent.W, criterion.Component);
        Assert.Equal(SmoothingMethod.MovingAverage, criterion.Options.Smoothing);
        Assert.Equal(5, criterion.Options.Window);
        Assert.Equal(0.1, criterion.Options.RelativeThreshold);
        Assert.Equal(5, criterion.Options.WarmUp);
        Assert.Equal(5, criterion.Options.Patience);
        Assert.Equal(100, criterion.Options.MaxEpochs);
        Assert.Equal(NonFiniteSignalPolicy.Stop, criterion.Options.OnNonFinite);
    }

    [Fact]
    public void An_undefined_component_is_rejected_by_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TopStoppingCriterion(component: (GraphDistanceComponent)7));
        Assert.Equal("component", ex.ParamName);
        Assert.Contains("W0, W1, W", ex.Message);
    }

    [Fact]
    public void Replaying_the_same_observations_reproduces_the_same_decisions()
    {
        var random = new Random(5);
        var observations = Enumerable.Range(2, 50).Select(e => Epoch(e, random.NextDouble(), 3 * random.NextDouble() / e)).ToList();
        var first = new TopStoppingCriterion();
        var second = new TopStoppingCriterion();
        foreach (var observation in observations)
        {
            Assert.Equal(first.Observe(observation), second.Observe(observation));
        }
    }
}
