using System.Collections.Concurrent;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Live;

namespace Orchestrator.Dashboard.Sources;

/// <summary>
/// Every sweep a cluster knows (the sweep registry grain), read through the coordinator and topology grains.
/// Each sweep still running is watched by its own <see cref="SweepMonitor"/>, whose pushed events go to
/// <see cref="LiveEvents"/>. The dashboard never cancels a sweep: its watches run with no cancellation and end
/// when their sweep does.
/// </summary>
public sealed class ClusterSource(IClusterClient client, LiveEvents events) : IDashboardSource
{
    private readonly ConcurrentDictionary<string, Task> _watches = new(StringComparer.Ordinal);

    public bool Live => true;

    public string ConnectomesKept => "the topology grain's last K connectomes of each trial (the silo's --connectomes-kept K, default 20), as float32 upper triangles: n(n−1)/2 × 4 bytes each";

    public async Task<IReadOnlyList<SweepStatus>> SweepsAsync(CancellationToken cancel)
    {
        var ids = await client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        var sweeps = await Task.WhenAll(ids.Select(id => client.GetGrain<ISweepCoordinatorGrain>(id).GetStatus()));
        foreach (var sweep in sweeps)
        {
            Watch(sweep);
        }

        return sweeps;
    }

    public async Task<SweepStatus?> SweepAsync(string sweepId, CancellationToken cancel)
    {
        var status = await client.GetGrain<ISweepCoordinatorGrain>(sweepId).GetStatus();
        if (status.State == SweepState.Unknown)
        {
            return null;
        }

        Watch(status);
        return status;
    }

    public async Task<IReadOnlyList<EpochRecord>> EpochsAsync(TrialSpec trial, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return await client.GetGrain<ITopologyGrain>(trial.GrainKey).GetSeries();
    }

    public async Task<float[]?> ConnectomeAsync(TrialSpec trial, int epoch, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var bytes = await client.GetGrain<ITopologyGrain>(trial.GrainKey).GetConnectome(epoch);
        return bytes is null ? null : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>Starts watching <paramref name="sweep"/> once, while it still runs.</summary>
    public void Watch(SweepStatus sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.State is SweepState.Finished or SweepState.Cancelled or SweepState.Unknown)
        {
            return;
        }

        _watches.GetOrAdd(sweep.SweepId, id => Task.Run(async () =>
        {
            try
            {
                await new SweepMonitor(client).WatchAsync(id, new LiveSweepProgress(id, events), CancellationToken.None);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                // The client went away (the dashboard is closing) or the cluster is unreachable: a later page
                // load starts a new watch.
                _watches.TryRemove(id, out _);
            }
        }));
    }
}
