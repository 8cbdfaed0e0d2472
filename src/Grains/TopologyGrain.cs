using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts;
using Orchestrator.Trials;
using Orleans.Placement;

namespace Orchestrator.Grains;

/// <summary>
/// Topology side of one trial. Placed on the silo of its first caller (the run grain), so snapshots
/// usually do not cross the network. The heavy decomposition runs on the thread pool.
/// </summary>
[PreferLocalPlacement]
public sealed class TopologyGrain(
    [PersistentState("topology", OrchestratorStorage.Name)] IPersistentState<TopologyGrainState> state,
    IStoppingCriterionFactory criteria,
    CheckpointStore store,
    OrchestratorMetrics metrics,
    ILogger<TopologyGrain> logger) : Grain, ITopologyGrain
{
    private TopologySeries? _series;

    /// <inheritdoc />
    public async Task<TopologyDecision> Observe(TrialSpec spec, EpochSnapshotMessage snapshot)
    {
        GrainArguments.RequireSnapshot(this.GetPrimaryKeyString(), spec, snapshot);
        var series = _series;
        if (series is null || series.Records.Count == 0 || series.Records[^1].Epoch != snapshot.Epoch - 1)
        {
            // A fresh activation, or a run resumed from an older checkpoint: rebuild from the kept records.
            var history = state.State.Series.Where(r => r.Epoch < snapshot.Epoch).ToList();
            var previous = history.Count > 0 ? store.LoadConnectome(spec, history[^1].Epoch) : null;
            series = new TopologySeries(criteria.Create(spec.Stopping, spec.MaxEpochs), criteria.SignalsOf(spec.Stopping), history, previous);
        }

        TopologyGrainSpans.RecordMeasuredPhases(spec, snapshot, DateTimeOffset.UtcNow);
        (EpochRecord Record, Orchestrator.Topology.Stopping.StoppingDecision Decision) observed;
        using (TopologyGrainSpans.StartTopology(spec, snapshot.Epoch))
        {
            observed = await Task.Run(() => series.Observe(snapshot));
        }

        var (record, decision) = observed;
        _series = series;
        if (snapshot.Connectome.Length > 0)
        {
            store.SaveConnectome(spec, snapshot.Epoch, snapshot.Connectome);
        }

        state.State = new TopologyGrainState { Series = [.. series.Records] };
        await state.WriteDurablyAsync(logger);
        metrics.RecordEpoch(spec, record);
        if (decision.ShouldStop)
        {
            metrics.StoppedEarly(spec, snapshot.Epoch);
        }

        return new TopologyDecision { ShouldStop = decision.ShouldStop, Reason = decision.Reason, BestEpoch = decision.BestEpoch, Record = record };
    }

    /// <inheritdoc />
    public Task<ImmutableArray<EpochRecord>> GetSeries() => Task.FromResult(state.State.Series);

    /// <inheritdoc />
    public async Task Forget()
    {
        _series = null;
        state.State = new TopologyGrainState();
        if (state.RecordExists)
        {
            await state.ClearDurablyAsync(logger);
        }

        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task<byte[]?> GetConnectome(int epoch)
    {
        // The key is "<sweep>/<trial>" (TrialSpec.GrainKey); sweep ids never hold a '/'.
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return Task.FromResult(slash < 0 ? null : store.LoadConnectomeBytes(key[..slash], key[(slash + 1)..], epoch));
    }
}
