namespace Orchestrator.Contracts;

/// <summary>
/// A watcher of one sweep (a front end): the coordinator pushes each trial change and each epoch as it happens.
/// Subscriptions expire (<see cref="ISweepCoordinatorGrain.Subscribe"/>), so watchers subscribe again
/// periodically and poll <see cref="ISweepCoordinatorGrain.GetStatus"/> as the fallback.
/// </summary>
public interface ISweepObserver : IGrainObserver
{
    /// <summary>A trial's status changed (state, epochs run, last loss, result).</summary>
    /// <param name="status">The trial's status as the coordinator now holds it.</param>
    void OnTrialChanged(TrialStatus status);

    /// <summary>A trial finished an epoch.</summary>
    /// <param name="trialId">The trial (<see cref="TrialSpec.Id"/>).</param>
    /// <param name="record">The epoch as recorded, passed through unchanged.</param>
    void OnEpoch(string trialId, EpochRecord record);
}
