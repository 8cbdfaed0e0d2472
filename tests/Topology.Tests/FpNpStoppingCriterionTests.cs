using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class FpNpStoppingCriterionTests
{
    private static IEnumerable<double?> FallingThenNoisy() =>
        Enumerable.Range(1, 60).Select(e => e == 1 ? (double?)null : (100 * Math.Pow(0.85, e)) + (e % 3 == 0 ? 0.5 : 0));

    [Fact]
    public void Fp_decides_exactly_like_top_on_the_same_series()
    {
        var options = new PlateauRuleOptions { Window = 3, WarmUp = 2, Patience = 4, MaxEpochs = 60 };
        var fp = new FpStoppingCriterion(options);
        var top = new TopStoppingCriterion(options, GraphDistanceComponent.W);
        var epoch = 0;
        foreach (var value in FallingThenNoisy())
        {
            epoch++;
            var forTop = new EpochObservation(epoch, 1) { GraphDistance = value is double v ? new TopologicalDistance(2, 0, v, v) : null };
            var forFp = new EpochObservation(epoch, 1) { DiagramDistance = value };
            var a = top.Observe(forTop);
            var b = fp.Observe(forFp);
            Assert.Equal((a.ShouldStop, a.BestEpoch), (b.ShouldStop, b.BestEpoch));
            if (a.ShouldStop)
            {
                Assert.True(epoch < 60, "the series should plateau before max epochs");
                return;
            }
        }

        Assert.Fail("neither criterion stopped");
    }

    [Fact]
    public void Fp_and_np_are_in_the_catalog_with_their_parameters()
    {
        var fp = Assert.IsType<FpStoppingCriterion>(StoppingCriterionCatalog.Default.Parse("fp:window=3,patience=2"));
        Assert.Equal(new PlateauRuleOptions { Window = 3, Patience = 2 }, fp.Options);

        var np = Assert.IsType<NpStoppingCriterion>(StoppingCriterionCatalog.Default.Parse("np:patience=3,minDelta=0.01,burnIn=2"));
        Assert.Equal((3, 0.01, 2), (np.Patience, np.MinDelta, np.BurnIn));
    }

    [Fact]
    public void Np_keeps_the_best_value_and_stops_after_patience_epochs_without_a_rise_above_delta()
    {
        var np = new NpStoppingCriterion(patience: 3, minDelta: 0.02, burnIn: 2);
        double[] series = [0.9, 0.1, 0.30, 0.35, 0.36, 0.34, 0.30, 0.5];

        // Epochs 1–2 burn-in; 3 sets P = 0.30; 4 rises above 0.32 (P = 0.35); 5–7 stay ≤ 0.37: the counter reaches 3 at epoch 7.
        var decisions = series.Select((v, k) => np.Observe(new EpochObservation(k + 1, 1) { NeuralPersistence = v })).Take(7).ToList();

        Assert.All(decisions.Take(6), d => Assert.False(d.ShouldStop));
        Assert.True(decisions[6].ShouldStop);
        Assert.Equal(4, decisions[6].BestEpoch);
        Assert.Equal(0.35, np.Best);
    }

    [Fact]
    public void Np_stops_on_a_non_finite_value()
    {
        var np = new NpStoppingCriterion();
        np.Observe(new EpochObservation(1, 1) { NeuralPersistence = 0.4 });

        var decision = np.Observe(new EpochObservation(2, 1) { NeuralPersistence = double.NaN });

        Assert.True(decision.ShouldStop);
        Assert.Contains("NaN", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Np_ignores_epochs_without_a_value_and_stops_at_max_epochs()
    {
        var np = new NpStoppingCriterion(maxEpochs: 3);

        Assert.False(np.Observe(new EpochObservation(1, 1)).ShouldStop);
        Assert.False(np.Observe(new EpochObservation(2, 1) { NeuralPersistence = 0.2 }).ShouldStop);
        var last = np.Observe(new EpochObservation(3, 1) { NeuralPersistence = 0.3 });

        Assert.True(last.ShouldStop);
        Assert.Equal(3, last.BestEpoch);
    }
}
