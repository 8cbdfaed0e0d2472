using Orchestrator.Contracts;
using Orchestrator.Trials;

namespace Orchestrator.Grains;

/// <summary>
/// The sweep's <see cref="ITrialMonitor"/>: the trial's topology grain computes the signals, runs the criterion
/// and keeps the series (and the connectomes a restart needs) as its own state.
/// </summary>
internal sealed class GrainTrialMonitor(ITopologyGrain topology, TrialSpec spec) : ITrialMonitor
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<EpochRecord>> ResumeAsync(int completedEpochs, CancellationToken cancellationToken)
    {
        if (completedEpochs == 0)
        {
            return [];
        }

        // The topology grain rebuilds its criterion from these same records when the next epoch arrives.
        var series = await topology.GetSeries();
        return [.. series.Where(r => r.Epoch <= completedEpochs)];
    }

    /// <summary>
    /// Sends the snapshot to the topology grain, retrying while a dead silo is being declared dead (the
    /// topology grain then reactivates elsewhere from its persisted series).
    /// </summary>
    public async Task<TopologyDecision> ObserveAsync(EpochSnapshotMessage snapshot, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await topology.Observe(spec, snapshot);
            }
            catch (Exception ex) when (attempt < 5 && ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), CancellationToken.None);
            }
        }
    }

    /// <inheritdoc />
    public Task CheckpointedAsync(int epoch, CancellationToken cancellationToken)
    {
        // The topology grain already keeps every connectome a resume from a recent checkpoint can need.
        return Task.CompletedTask;
    }
}
