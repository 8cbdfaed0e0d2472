using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TrialSampleCountTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_trial_reports_how_many_samples_it_trains_on_and_holds_out()
    {
        var sweep = Synthetic.Sweep("sample-counts", """ "grid": { "seed": [0] }, "stopping": ["none", "vl"], "maxEpochs": 2, "validationFraction": 0.25 """);
        var sweepId = TrialExpansion.SweepIdOf(sweep.Name);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);

        var trials = (await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout)).Trials;

        // All 800 generated training samples (fraction 1); only the hold-out criterion gives a quarter of them up.
        var none = trials.Single(t => t.Spec.Stopping.Name == "none");
        var vl = trials.Single(t => t.Spec.Stopping.Name == "vl");
        Assert.Equal((800, 0), (none.TrainingSamples, none.HoldOutSamples));
        Assert.Equal((600, 200), (vl.TrainingSamples, vl.HoldOutSamples));
    }
}
