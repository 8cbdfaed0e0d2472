using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

/// <summary>A raw Orleans client (the test cluster's own) calls the grains with what the CLI would never send.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileClientTests(TestClusterFixture fixture)
{
    private static TrialSpec ValidTrial() => TrialExpansion.Expand(Synthetic.Sweep("hostile", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """))[0];

    [Fact]
    public async Task Start_with_a_sweep_id_that_climbs_out_of_the_checkpoint_root_is_refused_and_writes_nothing_there()
    {
        var outside = "escape-" + Guid.NewGuid().ToString("N");
        var climbing = ValidTrial() with { SweepId = "../" + outside };
        var absolute = ValidTrial() with { SweepId = Path.Combine(Path.GetTempPath(), outside) };
        foreach (var spec in new[] { climbing, absolute })
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ITrainingRunGrain>("hostile-" + Guid.NewGuid().ToString("N")).Start(spec));
            Assert.Contains("sweepId", error.Message, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(fixture.CheckpointDirectory)!, outside)));
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), outside)));
        await SiloStillWorksAsync();
    }

    [Fact]
    public async Task Start_with_a_trial_id_holding_a_separator_is_refused()
    {
        var spec = ValidTrial() with { Id = "a/../../b" };
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ITrainingRunGrain>("hostile-id").Start(spec));
        Assert.Contains("id:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_under_a_sweep_folder_that_is_a_symbolic_link_out_of_the_root_is_refused()
    {
        var target = Path.Combine(Path.GetTempPath(), "orchestrator-link-target-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        Directory.CreateDirectory(fixture.CheckpointDirectory);
        var linkName = "linked-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateSymbolicLink(Path.Combine(fixture.CheckpointDirectory, linkName), target);
        try
        {
            var spec = ValidTrial() with { SweepId = linkName };
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ITrainingRunGrain>("hostile-link").Start(spec));
            Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task Start_with_out_of_range_settings_is_refused_naming_each_field()
    {
        var spec = ValidTrial() with { MaxEpochs = 0, LearningRate = -1, BatchSize = 0 };
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ITrainingRunGrain>("hostile-range").Start(spec));
        Assert.Contains("maxEpochs: must be in [1, 10000]", error.Message, StringComparison.Ordinal);
        Assert.Contains($"lr: {Sweeps.SweepLimits.LearningRate.Rule}", error.Message, StringComparison.Ordinal);
        Assert.Contains("batchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_refuses_what_the_sweep_file_check_refuses_and_leaves_no_sweep_behind()
    {
        var sweep = Synthetic.Sweep("hostile-submit", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        var bad = sweep with { Concurrency = 0, MaxEpochs = 0, Grid = sweep.Grid with { LearningRates = [-1] } };
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("hostile-submit");
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => coordinator.Submit(bad));
        Assert.Contains("concurrency: must be in [1, 10000]", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxEpochs", error.Message, StringComparison.Ordinal);
        Assert.Contains($"grid.lr: {Sweeps.SweepLimits.LearningRate.Rule}", error.Message, StringComparison.Ordinal);
        Assert.Empty((await coordinator.GetStatus()).Trials);
    }

    [Fact]
    public async Task Submit_to_a_sweep_id_that_is_a_path_is_refused()
    {
        var sweep = Synthetic.Sweep("hostile-path", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ISweepCoordinatorGrain>("../../../x").Submit(sweep));
        Assert.Contains("sweep id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_with_an_oversized_reason_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ITrainingRunGrain>("hostile-cancel").Cancel(new string('r', 1_000_000)));
        Assert.Contains("reason: 1000000 characters; give at most 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_trial_reports_from_a_raw_client_change_nothing_while_a_wellformed_one_still_lands()
    {
        var sweep = Synthetic.Sweep("hostile-report", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("hostile-report");
        await coordinator.Submit(sweep);
        var done = await Synthetic.WaitAsync(fixture.Client, "hostile-report", Synthetic.Done, TimeSpan.FromSeconds(90));
        var held = done.Trials.Single();
        Assert.Equal(TrialState.Completed, held.State);

        // Each would turn the completed trial into a failed one if the coordinator took it.
        var failed = held with { State = TrialState.Failed, Reason = "hostile" };
        var record = new EpochRecord { Epoch = 1 };
        foreach (var bad in new[]
                 {
                     failed with { Seconds = double.NaN },
                     failed with { Seconds = double.PositiveInfinity },
                     failed with { EpochsRun = -1 },
                     failed with { StopEpoch = 1_000_000 },
                     failed with { Reason = new string('r', 1_000_000) },
                     failed with { Silo = new string('s', 10_000) },
                     failed with { State = (TrialState)99 },
                     failed with { TestAccuracy = 7 },
                     failed with { Spec = held.Spec with { Id = "../../x" } },
                 })
        {
            await coordinator.ReportTrial(bad);
            await coordinator.ReportEpoch(bad, record);
        }

        await coordinator.ReportEpoch(failed, record with { Epoch = 1_000_000 });
        await coordinator.ReportEpoch(failed, record with { Epoch = 2 });
        await coordinator.ReportEpoch(failed, record with { Decision = new string('d', 100_000) });
        await coordinator.ReportTrial(failed with { Spec = held.Spec with { Id = "unknown-trial" } });
        var after = await coordinator.GetStatus();
        Assert.Equal(held, after.Trials.Single());

        // A well-formed report with a path for a sweep id keeps the coordinator's own spec: nothing points out of the root.
        await coordinator.ReportTrial(failed with { Spec = held.Spec with { SweepId = "../outside" } });
        var landed = await Synthetic.WaitAsync(fixture.Client, "hostile-report", s => s.Trials.Single().State == TrialState.Failed, TimeSpan.FromSeconds(10));
        Assert.Equal(held.Spec, landed.Trials.Single().Spec);
        await SiloStillWorksAsync();
    }

    [Fact]
    public async Task Observe_for_another_trial_or_with_a_connectome_of_the_wrong_size_is_refused_and_writes_nothing()
    {
        var spec = ValidTrial() with { SweepId = "hostile-observe" };
        var grain = fixture.Client.GetGrain<ITopologyGrain>(spec.GrainKey);
        var snapshot = new EpochSnapshotMessage { Epoch = 1, ConnectomeSize = 4, Connectome = new byte[6 * sizeof(float)] };

        var other = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Observe(spec with { Id = "someone-else" }, snapshot));
        Assert.Contains("is not this grain's trial", other.Message, StringComparison.Ordinal);
        var size = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Observe(spec, snapshot with { Connectome = new byte[5] }));
        Assert.Contains("connectome: must be empty or the 24 bytes", size.Message, StringComparison.Ordinal);
        var huge = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Observe(spec, snapshot with { ConnectomeSize = int.MaxValue }));
        Assert.Contains("connectomeSize", huge.Message, StringComparison.Ordinal);
        var epoch = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Observe(spec, snapshot with { Epoch = -5 }));
        Assert.Contains("epoch: must be in [1, 1]", epoch.Message, StringComparison.Ordinal);
        var nan = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Observe(spec, snapshot with { TrainSeconds = double.NaN }));
        Assert.Contains("seconds", nan.Message, StringComparison.Ordinal);
        var path = await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Client.GetGrain<ITopologyGrain>("../x/y").Observe(spec with { SweepId = "../x", Id = "y" }, snapshot));
        Assert.Contains("sweepId", path.Message, StringComparison.Ordinal);

        Assert.False(Directory.Exists(Path.Combine(fixture.CheckpointDirectory, "hostile-observe")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(fixture.CheckpointDirectory)!, "x")));
        Assert.Empty(await grain.GetSeries());
    }

    [Fact]
    public async Task Register_of_a_path_as_sweep_id_is_refused_and_never_listed()
    {
        var registry = fixture.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key);
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => registry.Register("../../etc"));
        Assert.Contains("sweep id", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => registry.Register(new string('a', 1_000_000)));
        Assert.DoesNotContain(await registry.List(), id => !SafeId.IsValid(id));
    }

    private async Task SiloStillWorksAsync()
    {
        var sweep = Synthetic.Sweep("after-hostile", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("after-hostile").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "after-hostile", Synthetic.Done, TimeSpan.FromSeconds(90));
        Assert.Equal(TrialState.Completed, status.Trials.Single().State);
    }
}
