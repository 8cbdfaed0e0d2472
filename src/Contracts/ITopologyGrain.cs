using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Orchestrator.Contracts;

/// <summary>
/// The topology side of one trial (key: <see cref="TrialSpec.GrainKey"/>): decomposes each epoch's connectome,
/// keeps the persistence time series as grain state and runs the trial's stopping criterion.
/// </summary>
public interface ITopologyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records epoch <see cref="EpochSnapshotMessage.Epoch"/> of <paramref name="spec"/> and decides whether to go on.
    /// An epoch at or before one already recorded (a run resumed from an older checkpoint) replaces the
    /// series from that epoch on, so no epoch is counted twice.
    /// </summary>
    Task<TopologyDecision> Observe(TrialSpec spec, EpochSnapshotMessage snapshot);

    /// <summary>The persistence time series so far, one record per epoch.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<EpochRecord>> GetSeries();

    /// <summary>
    /// The connectome of <paramref name="epoch"/> as float32 upper-triangle bytes, or null when it is no longer
    /// kept (the last K epochs of a trial are; see <c>OrchestratorOptions.ConnectomesKept</c>).
    /// </summary>
    [AlwaysInterleave]
    Task<byte[]?> GetConnectome(int epoch);

    /// <summary>Deletes the trial's stored series (its sweep is being deleted) and deactivates.</summary>
    Task Forget();
}
