using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// Issue 16, item 14: the coordinator's writes per trial event do not grow with the sweep. A sweep of 20 and one of
/// 200 one-epoch trials on a real in-process cluster, every grain-storage write measured (<see cref="CountingGrainStorage"/>).
/// </summary>
public sealed class CoordinatorWriteGrowthTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;
    private CountingGrainStorage? _storage;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("measured", options => options.Configure<Serializer>((o, serializer) =>
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.Services.AddKeyedSingleton<IGrainStorage>(OrchestratorStorage.Name, (services, _) =>
                _storage = new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("measured"), services.GetRequiredService<Serializer>()));
            silo.UseInMemoryReminderService();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = _checkpoints;
                o.Slots = 4;
                o.WatchdogPeriod = TimeSpan.FromMilliseconds(500);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Coordinator_bytes_per_trial_event_are_the_same_at_20_and_200_trials()
    {
        var small = await MeasureAsync("growth-20", 20);
        var large = await MeasureAsync("growth-200", 200);
        output.WriteLine($"20 trials: {small}");
        output.WriteLine($"200 trials: {large}");

        // A trial event writes that trial's record only: the same size whatever the sweep's size.
        Assert.InRange(large.BytesPerRecordWrite, small.BytesPerRecordWrite * 0.8, small.BytesPerRecordWrite * 1.25);
        Assert.True(large.LargestRecordWrite <= small.LargestRecordWrite * 1.25, $"largest record write {large.LargestRecordWrite} B at 200 trials vs {small.LargestRecordWrite} B at 20");

        // The sweep's own state is written a fixed number of times (submit, finish), not once per event.
        Assert.InRange(large.StateWrites, 1, small.StateWrites + 1);

        // All in all, what the coordinator writes per trial is flat (it was O(trials): the whole list on every event).
        Assert.InRange(large.CoordinatorBytesPerTrial, small.CoordinatorBytesPerTrial * 0.5, small.CoordinatorBytesPerTrial * 1.25);
    }

    private async Task<Measure> MeasureAsync(string name, int trials)
    {
        var seeds = string.Join(", ", Enumerable.Range(0, trials));
        var sweep = Synthetic.Sweep(name, $$""" "grid": { "seed": [{{seeds}}], "width": [2] }, "stopping": ["none"], "maxEpochs": 1, "probeSize": 16, "recordTopology": false, "concurrency": 4 """);
        await _cluster.Client.GetGrain<ISweepCoordinatorGrain>(name).Submit(sweep);
        var status = await Synthetic.WaitAsync(_cluster.Client, name, Synthetic.Done, TimeSpan.FromMinutes(5));
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        // The storage is built on first use; each sweep's writes are told apart by its id.
        var writes = _storage!.Writes.Where(w => w.GrainId == $"sweepcoordinator/{name}" || w.GrainId.StartsWith($"{SweepTrialRecords.StorageType}/{name}/", StringComparison.Ordinal)).ToList();
        var records = writes.Where(w => w.GrainType == SweepTrialRecords.StorageType).ToList();
        var states = writes.Where(w => w.GrainType == "sweepcoordinator").ToList();
        Assert.NotEmpty(records);
        Assert.NotEmpty(states);
        return new Measure(
            trials,
            records.Count,
            records.Average(w => w.Bytes),
            records.Max(w => w.Bytes),
            states.Count,
            states.Max(w => w.Bytes),
            (records.Sum(w => (double)w.Bytes) + states.Sum(w => (double)w.Bytes)) / trials);
    }

    private sealed record Measure(int Trials, int RecordWrites, double BytesPerRecordWrite, int LargestRecordWrite, int StateWrites, int LargestStateWrite, double CoordinatorBytesPerTrial)
    {
        public override string ToString() =>
            $"{RecordWrites} record writes of {BytesPerRecordWrite:F0} B on average (largest {LargestRecordWrite} B), {StateWrites} sweep-state writes (largest {LargestStateWrite} B), {CoordinatorBytesPerTrial:F0} B written by the coordinator per trial";
    }
}
