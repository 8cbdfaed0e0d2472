using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orchestrator.Topology;

namespace Orchestrator.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TopologyGrainTests(TestClusterFixture fixture)
{
    private const int Neurons = 12;

    private static TrialSpec Spec(string id, int maxEpochs) => new()
    {
        Id = id,
        SweepId = "topology-tests",
        Dataset = "synthetic",
        Model = "m",
        Stopping = new StoppingMethod { Name = "none" },
        MaxEpochs = maxEpochs,
    };

    private static float[] RandomConnectome(int seed)
    {
        var random = new Random(seed);
        var upper = new float[Neurons * (Neurons - 1) / 2];
        for (var i = 0; i < upper.Length; i++)
        {
            upper[i] = (float)random.NextDouble();
        }

        return upper;
    }

    private static EpochSnapshotMessage Snapshot(int epoch, float[] upper) => new()
    {
        Epoch = epoch,
        TrainingLoss = 1.0 / epoch,
        ConnectomeSize = Neurons,
        Connectome = MemoryMarshal.AsBytes(upper.AsSpan()).ToArray(),
    };

    private static BirthDeathDecomposition Decompose(float[] upper) => BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(upper));

    [Fact]
    public async Task Each_epoch_records_the_distance_to_the_previous_connectome()
    {
        var spec = Spec("distances", 10);
        var grain = fixture.Client.GetGrain<ITopologyGrain>(spec.GrainKey);
        var connectomes = Enumerable.Range(1, 3).Select(RandomConnectome).ToArray();
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            var decision = await grain.Observe(spec, Snapshot(epoch, connectomes[epoch - 1]));
            Assert.False(decision.ShouldStop);
        }

        var series = await grain.GetSeries();
        Assert.Equal([1, 2, 3], series.Select(r => r.Epoch));
        Assert.Null(series[0].Signals.Distance);
        for (var epoch = 2; epoch <= 3; epoch++)
        {
            var expected = WassersteinDistance.Between(Decompose(connectomes[epoch - 2]), Decompose(connectomes[epoch - 1]));
            Assert.Equal(expected.W, series[epoch - 1].Signals.Distance!.Value, 9);
            Assert.Equal(expected.W0, series[epoch - 1].Signals.W0!.Value, 9);
        }

        Assert.Equal(Decompose(connectomes[2]).TotalPersistence0, series[2].Signals.Persistence0, 9);
    }

    [Fact]
    public async Task The_criterion_stops_the_trial_and_says_why()
    {
        var spec = Spec("stops", 2);
        var grain = fixture.Client.GetGrain<ITopologyGrain>(spec.GrainKey);
        Assert.False((await grain.Observe(spec, Snapshot(1, RandomConnectome(1)))).ShouldStop);
        var decision = await grain.Observe(spec, Snapshot(2, RandomConnectome(2)));
        Assert.True(decision.ShouldStop);
        Assert.Contains("max epochs", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(decision.Reason, decision.Record.Decision);
    }

    [Fact]
    public async Task A_replayed_epoch_replaces_the_series_from_there_so_no_epoch_counts_twice()
    {
        var spec = Spec("replay", 10);
        var grain = fixture.Client.GetGrain<ITopologyGrain>(spec.GrainKey);
        var connectomes = Enumerable.Range(11, 4).Select(RandomConnectome).ToArray();
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            await grain.Observe(spec, Snapshot(epoch, connectomes[epoch - 1]));
        }

        // The run resumed from a checkpoint after epoch 1: epoch 2 comes again, with a different connectome.
        var record = (await grain.Observe(spec, Snapshot(2, connectomes[3]))).Record;
        var series = await grain.GetSeries();
        Assert.Equal([1, 2], series.Select(r => r.Epoch));
        var expected = WassersteinDistance.Between(Decompose(connectomes[0]), Decompose(connectomes[3]));
        Assert.Equal(expected.W, record.Signals.Distance!.Value, 9);
    }

    [Fact]
    public async Task A_reactivated_grain_keeps_its_series_and_continues_the_distances()
    {
        var spec = Spec("reactivated", 10);
        var grain = fixture.Client.GetGrain<ITopologyGrain>(spec.GrainKey);
        var connectomes = Enumerable.Range(21, 3).Select(RandomConnectome).ToArray();
        await grain.Observe(spec, Snapshot(1, connectomes[0]));
        await grain.Observe(spec, Snapshot(2, connectomes[1]));
        await fixture.Cluster.DeactivateAsync(grain);

        var record = (await grain.Observe(spec, Snapshot(3, connectomes[2]))).Record;
        Assert.Equal([1, 2, 3], (await grain.GetSeries()).Select(r => r.Epoch));
        var expected = WassersteinDistance.Between(Decompose(connectomes[1]), Decompose(connectomes[2]));
        Assert.Equal(expected.W, record.Signals.Distance!.Value, 9);
    }
}
