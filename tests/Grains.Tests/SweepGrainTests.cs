using System.Diagnostics;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SweepGrainTests(TestClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_sweep_runs_every_trial_to_completion()
    {
        var sweep = Synthetic.Sweep("complete", """ "grid": { "seed": [0, 1, 2] }, "stopping": ["none"], "maxEpochs": 3, "concurrency": 2, "recordTopology": true """);
        var sweepId = TrialExpansion.SweepIdOf(sweep.Name);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout);
        Assert.Equal(SweepState.Finished, status.State);
        Assert.Equal(TrialExpansion.Expand(sweep).Select(t => t.Id).Order(), status.Trials.Select(t => t.Spec.Id).Order());
        foreach (var trial in status.Trials)
        {
            Assert.Equal(TrialState.Completed, trial.State);
            Assert.Equal(sweep.MaxEpochs, trial.EpochsRun);
            Assert.NotNull(trial.TestAccuracy);
            var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.Equal(Enumerable.Range(1, sweep.MaxEpochs), series.Select(r => r.Epoch));
            Assert.All(series.Skip(1), r => Assert.NotNull(r.Signals.Distance));
        }
    }

    [Fact]
    public async Task A_resubmitted_sweep_does_not_run_finished_trials_again()
    {
        var sweep = Synthetic.Sweep("resubmit", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 2 """);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>(TrialExpansion.SweepIdOf(sweep.Name));
        await coordinator.Submit(sweep);
        var first = await Synthetic.WaitAsync(fixture.Client, "resubmit", Synthetic.Done, Timeout);
        var bigger = sweep with { Grid = sweep.Grid with { Seeds = [0, 1] } };
        var resubmitted = await coordinator.Replace(bigger);
        Assert.Equal(2, resubmitted.Trials.Length);
        Assert.Equal(first.Trials[0], resubmitted.Trials.Single(t => t.Spec.Id == first.Trials[0].Spec.Id));
    }

    [Fact]
    public async Task A_sweep_whose_name_makes_an_existing_id_is_refused_unless_it_replaces_it()
    {
        var first = Synthetic.Sweep("collide", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>(TrialExpansion.SweepIdOf(first.Name));
        await coordinator.Submit(first);
        var done = await Synthetic.WaitAsync(fixture.Client, "collide", Synthetic.Done, Timeout);
        var second = Synthetic.Sweep("Collide!", """ "grid": { "seed": [0, 1] }, "stopping": ["none"], "maxEpochs": 1 """);
        Assert.Equal("collide", TrialExpansion.SweepIdOf(second.Name));

        var error = await Assert.ThrowsAsync<SweepRejectedException>(() => coordinator.Submit(second));

        Assert.Contains("named 'collide'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--replace", error.Message, StringComparison.Ordinal);
        var kept = await coordinator.GetStatus();
        Assert.Equal("collide", kept.Definition!.Name);
        Assert.Equal(done.Trials, kept.Trials);

        var again = await coordinator.Submit(first);
        Assert.Equal(done.Trials, again.Trials);
        var replaced = await coordinator.Replace(second);
        Assert.Equal("Collide!", replaced.Definition!.Name);
        Assert.Equal(2, replaced.Trials.Length);
    }

    [Fact]
    public async Task The_top_criterion_stops_a_trial_before_max_epochs()
    {
        var sweep = Synthetic.Sweep("top-stops", """ "grid": { "seed": [0] }, "stopping": [{ "method": "top", "parameters": { "patience": 1 } }], "maxEpochs": 40 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("top-stops").Submit(sweep);
        var trial = (await Synthetic.WaitAsync(fixture.Client, "top-stops", Synthetic.Done, Timeout)).Trials.Single();
        Assert.Equal(TrialState.Stopped, trial.State);
        Assert.True(trial.StopEpoch < sweep.MaxEpochs);
        Assert.False(string.IsNullOrWhiteSpace(trial.Reason));
        var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
        Assert.Equal(trial.Reason, series[^1].Decision);
    }

    [Fact]
    public async Task Fp_and_np_trials_record_their_own_signals_and_only_those()
    {
        var sweep = Synthetic.Sweep("baselines", """ "grid": { "seed": [0] }, "stopping": ["fp", "np", "top"], "maxEpochs": 3, "concurrency": 2, "recordTopology": true """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("baselines").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "baselines", Synthetic.Done, Timeout);
        foreach (var trial in status.Trials)
        {
            Assert.Equal(TrialState.Completed, trial.State);
            var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.Equal([1, 2, 3], series.Select(r => r.Epoch));
            Assert.All(series.Skip(1), r => Assert.NotNull(r.Signals.Distance));
            var method = trial.Spec.Stopping.Name;
            Assert.All(series.Skip(1), r => Assert.Equal(method == "fp", r.Signals.DiagramDistance is not null));
            Assert.All(series, r => Assert.Equal(method == "np", r.Signals.NeuralPersistence is not null));
        }

        var np = status.Trials.Single(t => t.Spec.Stopping.Name == "np");
        var values = (await fixture.Client.GetGrain<ITopologyGrain>(np.Spec.GrainKey).GetSeries()).Select(r => r.Signals.NeuralPersistence!.Value);
        Assert.All(values, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public async Task Without_recorded_topology_only_trials_whose_criterion_reads_the_connectome_probe_it()
    {
        var sweep = Synthetic.Sweep("bare", """ "grid": { "seed": [0] }, "stopping": ["none", "np", "top"], "maxEpochs": 3, "concurrency": 2 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("bare").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "bare", Synthetic.Done, Timeout);
        foreach (var trial in status.Trials)
        {
            Assert.Equal(TrialState.Completed, trial.State);
            var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.Equal([1, 2, 3], series.Select(r => r.Epoch));
            var probes = trial.Spec.Stopping.Name == "top";
            Assert.All(series, r => Assert.Equal(probes, r.Signals.ConnectomeSize > 0 && r.Seconds.Probe > 0));
            Assert.All(series.Skip(1), r => Assert.Equal(probes, r.Signals.Distance is not null));
            Assert.All(series, r => Assert.Equal(trial.Spec.Stopping.Name == "np", r.Signals.NeuralPersistence is not null));
            Assert.All(series, r => Assert.True(r.Seconds.MonitoringOnPath >= r.Seconds.Probe));
        }
    }

    [Fact]
    public async Task A_diverging_trial_ends_diverged_while_the_sweep_goes_on()
    {
        var sweep = Synthetic.Sweep("diverge", """ "grid": { "lr": [0.01, 1e6], "seed": [0] }, "stopping": ["none"], "maxEpochs": 3, "concurrency": 1 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("diverge").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "diverge", Synthetic.Done, Timeout);
        var diverged = status.Trials.Single(t => t.Spec.LearningRate > 1);
        Assert.Equal(TrialState.Diverged, diverged.State);
        Assert.Contains("training loss became", diverged.Reason, StringComparison.Ordinal);
        Assert.Equal(TrialState.Completed, status.Trials.Single(t => t.Spec.LearningRate < 1).State);
    }

    [Fact]
    public async Task Cancel_stops_running_trials_and_never_starts_pending_ones()
    {
        var sweep = Synthetic.Sweep("cancel", """ "grid": { "seed": [0, 1, 2, 3] }, "stopping": ["none"], "maxEpochs": 1000, "concurrency": 2 """);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("cancel");
        await coordinator.Submit(sweep);
        await Synthetic.WaitAsync(fixture.Client, "cancel", s => s.Trials.Count(t => t.EpochsRun >= 1) >= 2, Timeout);
        await coordinator.Cancel();
        var status = await Synthetic.WaitAsync(fixture.Client, "cancel", Synthetic.Done, Timeout);
        Assert.Equal(SweepState.Cancelled, status.State);
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Cancelled, t.State));
        Assert.Equal(2, status.Trials.Count(t => t.EpochsRun == 0));
        Assert.All(status.Trials.Where(t => t.EpochsRun > 0), t => Assert.True(t.EpochsRun < sweep.MaxEpochs));
    }

    [Fact]
    public async Task Status_is_answered_while_an_epoch_is_running()
    {
        var sweep = Synthetic.Sweep("status", """ "grid": { "seed": [0], "batchSize": [1], "width": [4] }, "stopping": ["none"], "maxEpochs": 3, "probeSize": 256 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("status").Submit(sweep);
        var running = await Synthetic.WaitAsync(fixture.Client, "status", s => s.Trials.Single().State == TrialState.Running, Timeout);
        var run = fixture.Client.GetGrain<ITrainingRunGrain>(running.Trials.Single().Spec.GrainKey);
        var latencies = new List<double>();
        while ((await run.GetStatus()).State == TrialState.Running)
        {
            var watch = Stopwatch.StartNew();
            await run.GetStatus();
            latencies.Add(watch.Elapsed.TotalSeconds);
        }

        // A grain blocked by its epochs would answer about once per epoch, each answer waiting for the epoch's
        // end; answered off the scheduler, queries come back many times per epoch and much faster than one.
        var series = await fixture.Client.GetGrain<ITopologyGrain>(running.Trials.Single().Spec.GrainKey).GetSeries();
        var shortestEpoch = series.Min(r => r.Seconds.Train + r.Seconds.Probe + r.Seconds.Connectome);
        latencies.Sort();
        var median = latencies[latencies.Count / 2];
        Assert.True(latencies.Count > 5 * series.Length, $"only {latencies.Count} status answers over {series.Length} epochs");
        Assert.True(median < shortestEpoch / 2, $"median status latency {median:F3} s, shortest epoch {shortestEpoch:F3} s");
    }
}
