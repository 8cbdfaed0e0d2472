using MathNet.Numerics;
using Orchestrator.Search.Samplers;

namespace Orchestrator.Search.Tests;

public sealed class ParzenEstimatorTests
{
    [Fact]
    public void The_truncated_mixture_is_a_density_on_its_range()
    {
        var estimator = new NumericParzenEstimator([0.1, 0.15, 0.8, 0.95], [1, 1, 1, 1], 0, 1, priorWeight: 1);

        var mass = Integrate.OnClosedInterval(x => Math.Exp(estimator.LogDensity(x)), 0, 1, 1e-9);

        Assert.Equal(1.0, mass, 4);
    }

    [Fact]
    public void Bandwidths_follow_the_farther_neighbour_clipped_to_the_range()
    {
        var estimator = new NumericParzenEstimator([0.2, 0.3, 0.7], [1, 1, 1], 0, 1, priorWeight: 1);

        // Sorted centres 0.2, 0.3, 0.5 (prior), 0.7: inner ones take the farther neighbour, the outer ones
        // their inner neighbour (no endpoints), the prior the whole range; nothing below (1 − 0)/min(100, 1 + 4).
        Assert.Equal([0.2, 0.3, 0.7, 0.5], estimator.Centres);
        Assert.Equal([0.2, 0.2, 0.2, 1.0], estimator.Sigmas.Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void Draws_stay_in_range_and_gather_where_the_observations_are()
    {
        var estimator = new NumericParzenEstimator([7.0, 7.2, 6.9, 7.1, 7.05], [1, 1, 1, 1, 1], 0, 10, priorWeight: 1);
        var random = new Random(1);

        var draws = Enumerable.Range(0, 5000).Select(_ => estimator.Sample(random)).ToList();

        Assert.All(draws, x => Assert.InRange(x, 0, 10));
        // Five of six kernels sit near 7 with σ at the floor 10/6; the prior's sixth spreads over [0, 10].
        Assert.InRange(draws.Count(x => Math.Abs(x - 7) < 2) / 5000.0, 0.6, 0.85);
        Assert.True(estimator.LogDensity(7) > estimator.LogDensity(1) + 1);
    }

    [Fact]
    public void Categories_nobody_chose_keep_their_share_of_the_prior()
    {
        var estimator = new CategoricalParzenEstimator([0, 0, 2], [1, 1, 1], optionCount: 3, priorWeight: 1);

        Assert.Equal([(2 + (1 / 3.0)) / 4, (1 / 3.0) / 4, (1 + (1 / 3.0)) / 4], estimator.Probabilities.Select(p => Math.Round(p, 12)).ToList(), new RoundedComparer());
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
