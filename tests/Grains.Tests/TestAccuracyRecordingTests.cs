using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TestAccuracyRecordingTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Record_test_accuracy_puts_the_test_pass_of_every_epoch_in_the_epoch_records()
    {
        var sweep = Synthetic.Sweep("test-accuracy-on", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 3, "recordTestAccuracy": true """);
        Assert.True(sweep.RecordTestAccuracy);
        var sweepId = TrialExpansion.SweepIdOf(sweep.Name);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);
        var trial = (await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout)).Trials.Single();
        Assert.Equal(TrialState.Completed, trial.State);
        var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
        Assert.Equal(sweep.MaxEpochs, series.Length);
        Assert.All(series, r =>
        {
            Assert.InRange(r.Losses.TestAccuracy!.Value, 0, 1);
            Assert.True(double.IsFinite(r.Losses.Test!.Value));
            Assert.True(r.Seconds.Test > 0);
        });

        // The model does not change after the last epoch, so its per-epoch test pass is the trial's final one.
        Assert.Equal(trial.TestAccuracy, series[^1].Losses.TestAccuracy);
        Assert.Equal(trial.TestLoss, series[^1].Losses.Test);

        var csv = Orchestrator.Client.Core.Sweeps.SweepResultsWriter.EpochsCsv(
            await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).GetStatus(),
            new Dictionary<string, IReadOnlyList<EpochRecord>> { [trial.Spec.Id] = series });
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // New columns come after the original ones, so readers of the first 20 columns are unaffected.
        Assert.Contains(",topology_s,decision,test_accuracy,test_loss,test_s", lines[0], StringComparison.Ordinal);
        var accuracyColumn = lines[0].Split(',').ToList().IndexOf("test_accuracy");
        Assert.Equal(series[^1].Losses.TestAccuracy!.Value, double.Parse(lines[^1].Split(',')[accuracyColumn], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Without_the_option_no_test_pass_runs_per_epoch()
    {
        var sweep = Synthetic.Sweep("test-accuracy-off", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 2 """);
        Assert.False(sweep.RecordTestAccuracy);
        var sweepId = TrialExpansion.SweepIdOf(sweep.Name);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);
        var trial = (await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout)).Trials.Single();
        var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
        Assert.All(series, r =>
        {
            Assert.Null(r.Losses.TestAccuracy);
            Assert.Equal(0, r.Seconds.Test);
        });
    }

    [Fact]
    public void Record_test_accuracy_must_be_a_boolean()
    {
        var result = SweepFile.Parse("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "recordTestAccuracy": "yes" }""");
        var error = Assert.Single(result.Errors);
        Assert.Equal("recordTestAccuracy", error.Path);
        Assert.Contains("true or false", error.Message, StringComparison.Ordinal);
    }
}
