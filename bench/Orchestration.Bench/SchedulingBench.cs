using System.Collections.Immutable;
using System.Diagnostics;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>Scheduling throughput and status latency of a sweep coordinator.</summary>
internal static class SchedulingBench
{
    public static SweepDefinition TinySweep(string name, int trials, int concurrency, int maxEpochs) => new()
    {
        Name = name,
        Dataset = "synthetic",
        Model = "mlp-small",
        Grid = new SweepGrid { Seeds = [.. Enumerable.Range(0, trials)] },
        Stopping = [new StoppingMethod { Name = "none" }],
        MaxEpochs = maxEpochs,
        ProbeSize = 16,
        Concurrency = concurrency,
    };

    /// <summary>Runs <paramref name="trials"/> tiny trials; returns trials ended per second and the wall time.</summary>
    public static async Task<(double TrialsPerSecond, double Seconds, ImmutableArray<TrialStatus> Trials)> ThroughputAsync(InProcessTestCluster cluster, int trials, int concurrency)
    {
        var sweep = TinySweep($"throughput-{Guid.NewGuid():N}", trials, concurrency, 1);
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(TrialExpansion.SweepIdOf(sweep.Name));
        var watch = Stopwatch.StartNew();
        await coordinator.Submit(sweep);
        SweepStatus status;
        do
        {
            await Task.Delay(50);
            status = await coordinator.GetStatus();
        }
        while (status.FinishedAt is null);

        var seconds = watch.Elapsed.TotalSeconds;
        return (trials / seconds, seconds, status.Trials);
    }

    /// <summary>GetStatus latency (mean, p95 in ms) on a sweep with <paramref name="trials"/> trials.</summary>
    public static async Task<(double MedianMs, double P95Ms, int Trials)> StatusLatencyAsync(InProcessTestCluster cluster, int trials, int queries)
    {
        var sweep = TinySweep($"status-{Guid.NewGuid():N}", trials, 1, 1000);
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(TrialExpansion.SweepIdOf(sweep.Name));
        var submitted = await coordinator.Submit(sweep);
        var times = new List<double>();
        for (var i = 0; i < queries; i++)
        {
            var watch = Stopwatch.StartNew();
            var status = await coordinator.GetStatus();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (status.Trials.Length != trials)
            {
                throw new InvalidOperationException("status lost trials");
            }
        }

        await coordinator.Cancel();
        times.Sort();
        return (times[times.Count / 2], times[(int)(0.95 * (times.Count - 1))], submitted.Trials.Length);
    }
}
