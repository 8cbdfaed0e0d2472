using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

namespace Orchestrator.Trials.Tests;

/// <summary>Monitoring off the training path must change when the work is done, never what the trial ends with.</summary>
public sealed class ConcurrentMonitoringTests
{
    private const int MaxEpochs = 30;

    private const string QuickVl = "vl:patience=2,minDelta=0.02";

    private static TrainingSettings SettingsFor(string specification) =>
        specification.StartsWith("vl", StringComparison.Ordinal) ? SyntheticTrial.Settings() with { ValidationFraction = 0.2 } : SyntheticTrial.Settings();

    private static async Task<(TrialOutcome Outcome, byte[] Checkpoint, IReadOnlyList<WeightMatrix> Weights, List<TrialEpoch> Reported)> RunAsync(
        string specification, MonitoringMode mode, bool recordTopology = false)
    {
        using var directory = new TemporaryDirectory();
        var checkpoint = directory.File("run.ckpt");
        using var session = TrainingSession.Create(SettingsFor(specification));
        var signals = StoppingCriterionCatalog.Default.Find(StoppingCriterionCatalog.Default.Parse(specification).Name).Signals;
        var plan = new TrialPlan(MaxEpochs, signals) { CheckpointPath = checkpoint, CheckpointEvery = MaxEpochs, Monitoring = mode, RecordTopology = recordTopology };
        var reported = new List<TrialEpoch>();
        var engine = new TrialEngine(plan, SyntheticTrial.Monitor(specification, checkpoint: checkpoint))
        {
            EpochCompleted = epoch =>
            {
                reported.Add(epoch);
                return Task.CompletedTask;
            },
        };
        var outcome = await engine.RunAsync(session, TestContext.Current.CancellationToken);
        Assert.Equal(outcome.StopEpoch, session.CompletedEpochs);
        return (outcome, await File.ReadAllBytesAsync(checkpoint, TestContext.Current.CancellationToken), session.NeuralPersistenceWeights(), reported);
    }

    [Theory]
    [InlineData(SyntheticTrial.QuickTop, false)]
    [InlineData(QuickVl, false)]
    [InlineData(QuickVl, true)]
    [InlineData("np:patience=2", false)]
    public async Task Concurrent_monitoring_stops_at_the_synchronous_epoch_with_the_same_weights_records_and_test(string specification, bool recordTopology)
    {
        var synchronous = await RunAsync(specification, MonitoringMode.Synchronous, recordTopology);
        var concurrent = await RunAsync(specification, MonitoringMode.Concurrent, recordTopology);

        Assert.Equal(TrialEnd.Stopped, synchronous.Outcome.End);
        Assert.Equal(
            (synchronous.Outcome.End, synchronous.Outcome.StopEpoch, synchronous.Outcome.Reason, synchronous.Outcome.BestEpoch),
            (concurrent.Outcome.End, concurrent.Outcome.StopEpoch, concurrent.Outcome.Reason, concurrent.Outcome.BestEpoch));
        Assert.Equal(synchronous.Outcome.Records.Select(SyntheticTrial.Untimed), concurrent.Outcome.Records.Select(SyntheticTrial.Untimed));
        Assert.Equal(synchronous.Outcome.Test, concurrent.Outcome.Test);

        // The checkpoint at the stop and the session's weights afterwards are the model at the stop, bit for bit.
        Assert.Equal(synchronous.Checkpoint, concurrent.Checkpoint);
        Assert.Equal(synchronous.Weights.Select(w => w.Values), concurrent.Weights.Select(w => w.Values));
        Assert.Equal(synchronous.Reported.Select(e => e.Record.Epoch), concurrent.Reported.Select(e => e.Record.Epoch));
        Assert.Equal(0, synchronous.Outcome.SpeculativeEpochs);
    }

    [Fact]
    public async Task A_stop_decided_while_the_next_epoch_trains_counts_that_epoch_as_speculative()
    {
        var concurrent = await RunAsync(SyntheticTrial.QuickTop, MonitoringMode.Concurrent);

        Assert.Equal(TrialEnd.Stopped, concurrent.Outcome.End);
        Assert.Equal(1, concurrent.Outcome.SpeculativeEpochs);
        Assert.Equal(concurrent.Outcome.StopEpoch, concurrent.Outcome.Records[^1].Epoch);
    }

    [Fact]
    public async Task Every_record_says_how_long_the_loop_waited_for_monitoring_and_top_waits_less_concurrently()
    {
        var synchronous = await RunAsync(SyntheticTrial.QuickTop, MonitoringMode.Synchronous);
        var concurrent = await RunAsync(SyntheticTrial.QuickTop, MonitoringMode.Concurrent);

        // Synchronously the loop waits for the probe, the connectome and the series' own work.
        Assert.All(synchronous.Outcome.Records, r => Assert.True(r.Seconds.MonitoringOnPath >= r.Seconds.Probe + r.Seconds.Connectome + r.Seconds.Topology - 1e-9));
        Assert.All(concurrent.Outcome.Records, r => Assert.True(r.Seconds.MonitoringOnPath >= r.Seconds.Probe - 1e-9));
        Assert.All(concurrent.Outcome.Records, r => Assert.True(r.Seconds.Connectome > 0));
    }

    [Theory]
    [InlineData(QuickVl)]
    [InlineData("none")]
    public async Task A_criterion_that_reads_no_connectome_skips_the_probe_unless_topology_is_recorded(string specification)
    {
        var bare = await RunAsync(specification, MonitoringMode.Concurrent);
        var recorded = await RunAsync(specification, MonitoringMode.Concurrent, recordTopology: true);

        Assert.All(bare.Outcome.Records, r => Assert.Equal((0, 0, 0, null), (r.Signals.ConnectomeSize, r.Seconds.Probe, r.Seconds.Connectome, r.Signals.Distance)));
        Assert.All(recorded.Outcome.Records, r => Assert.True(r.Signals.ConnectomeSize > 0 && r.Seconds.Probe > 0));
        Assert.All(recorded.Outcome.Records.Skip(1), r => Assert.True(r.Signals.Distance > 0));

        // Recording is monitoring only: the same decisions and weights either way.
        Assert.Equal(bare.Outcome.Records.Select(r => (r.Epoch, r.Losses, r.Decision)), recorded.Outcome.Records.Select(r => (r.Epoch, r.Losses, r.Decision)));
        Assert.Equal(bare.Checkpoint, recorded.Checkpoint);
    }
}
