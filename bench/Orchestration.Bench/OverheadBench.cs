using System.Diagnostics;
using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>
/// Orchestration cost of one epoch: the snapshot (connectome as bytes) sent to a topology grain, its
/// decomposition, distance, criterion and persisted series, measured as the round trip of Observe.
/// </summary>
internal static class OverheadBench
{
    public static async Task<(double MedianMs, double P95Ms, double TopologyMs)> RunAsync(InProcessTestCluster cluster, int neurons, int epochs)
    {
        var spec = new TrialSpec
        {
            Id = $"overhead-{neurons}-{Guid.NewGuid():N}",
            SweepId = "bench",
            Dataset = "synthetic",
            Model = "m",
            Stopping = new StoppingMethod { Name = "none" },
            MaxEpochs = epochs + 10,
        };
        var grain = cluster.Client.GetGrain<ITopologyGrain>(spec.GrainKey);
        var random = new Random(1);
        var upper = new float[neurons * (neurons - 1) / 2];
        var times = new List<double>();
        var topology = new List<double>();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            for (var i = 0; i < upper.Length; i++)
            {
                upper[i] = (float)random.NextDouble();
            }

            var message = new EpochSnapshotMessage { Epoch = epoch, TrainingLoss = 1, ConnectomeSize = neurons, Connectome = MemoryMarshal.AsBytes(upper.AsSpan()).ToArray() };
            var watch = Stopwatch.StartNew();
            var decision = await grain.Observe(spec, message);
            if (epoch > 2)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                topology.Add(decision.Record.Seconds.Topology * 1000);
            }
        }

        times.Sort();
        topology.Sort();
        return (times[times.Count / 2], times[(int)(0.95 * (times.Count - 1))], topology[topology.Count / 2]);
    }
}
