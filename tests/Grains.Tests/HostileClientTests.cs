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

    private async Task SiloStillWorksAsync()
    {
        var sweep = Synthetic.Sweep("after-hostile", """ "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 1 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("after-hostile").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "after-hostile", Synthetic.Done, TimeSpan.FromSeconds(90));
        Assert.Equal(TrialState.Completed, status.Trials.Single().State);
    }
}
