using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

/// <summary>A real tiny search over settings the grid's product never varied per trial: the data fraction and Adam's β₁.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SearchSettingsSweepTests(TestClusterFixture fixture)
{
    [Fact]
    public async Task A_search_over_the_data_fraction_and_adams_beta1_trains_each_trial_on_its_sampled_share()
    {
        var sweep = Synthetic.Sweep("search-settings", """
            "optimizer": "adam",
            "space": { "fraction": {"uniform": [0.3, 0.6]}, "beta1": {"uniform": [0.8, 0.95]} },
            "search": {"sampler": "random", "trials": 3, "seed": 2}, "stopping": ["none"], "maxEpochs": 1
            """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("search-settings").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "search-settings", Synthetic.Done, TimeSpan.FromSeconds(120));

        Assert.Equal(3, status.Trials.Length);
        Assert.Equal(3, status.Trials.Select(t => t.Spec.Fraction).Distinct().Count());
        Assert.All(status.Trials, t =>
        {
            Assert.Equal(TrialState.Completed, t.State);
            Assert.InRange(t.Spec.Fraction, 0.3, 0.6);
            Assert.InRange(t.Spec.Beta1, 0.8, 0.95);

            // The generated set has 800 training images; a trial trains on its sampled share of them (stratified, so within a class's rounding).
            Assert.InRange(t.TrainingSamples + t.HoldOutSamples, (int)(800 * t.Spec.Fraction) - 10, (int)(800 * t.Spec.Fraction) + 10);
        });
    }
}
