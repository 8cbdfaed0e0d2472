using Orleans.Concurrency;

namespace Orchestrator.Contracts;

/// <summary>
/// One sweep (key: the sweep id): expands it into trials, schedules them under the concurrency limit,
/// tracks their states, restarts trials whose silo died and aggregates the results.
/// </summary>
public interface ISweepCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Submits (or resubmits) the sweep. Trials already known keep their state, so finished trials are
    /// not run twice; new trials are added as pending.
    /// </summary>
    /// <exception cref="ArgumentException">The definition or the grain's id breaks a rule of the sweep file; the message names the field.</exception>
    /// <exception cref="SweepRejectedException">The id already holds a different sweep (see <see cref="Replace"/>).</exception>
    Task<SweepStatus> Submit(SweepDefinition definition);

    /// <summary>
    /// Submits <paramref name="definition"/> in place of a different sweep under the same id (the CLI's
    /// <c>--replace</c>): trials of both keep their state, trials only in the old one are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">The definition or the grain's id breaks a rule of the sweep file.</exception>
    Task<SweepStatus> Replace(SweepDefinition definition);

    /// <summary>The sweep and every trial's status (unknown sweeps answer <see cref="SweepState.Unknown"/>).</summary>
    [AlwaysInterleave]
    Task<SweepStatus> GetStatus();

    /// <summary>Cancels pending trials and asks running ones to stop after their current epoch.</summary>
    Task<SweepStatus> Cancel();

    /// <summary>Puts cancelled and failed trials back to pending and runs the sweep again.</summary>
    Task<SweepStatus> Resume();

    /// <summary>
    /// Deletes what the cluster stores about a sweep that is not running: the coordinator's state, its per-trial
    /// records, every trial's run and topology grain state, and its registry entry (checkpoint files stay: see
    /// <c>sweep clean</c>). Returns the number of trials whose state was deleted (0 for an unknown sweep).
    /// </summary>
    /// <exception cref="SweepRejectedException">The sweep is running or a trial has not stopped yet: cancel it first.</exception>
    Task<int> Delete();

    /// <summary>A run grain reports its trial's progress or end (one-way, so run grains never wait on the coordinator).</summary>
    [OneWay]
    Task ReportTrial(TrialStatus status);

    /// <summary>
    /// A run grain reports a finished epoch with its trial's status: the status is merged as by
    /// <see cref="ReportTrial"/>, and observers receive both (one-way, like <see cref="ReportTrial"/>).
    /// </summary>
    [OneWay]
    Task ReportEpoch(TrialStatus status, EpochRecord record);

    /// <summary>
    /// Pushes this sweep's trial changes and epochs to <paramref name="observer"/> (an object reference from
    /// <c>IGrainFactory.CreateObjectReference</c>) until it unsubscribes or the subscription expires
    /// (<see cref="SweepObserverLifetime.Subscription"/> after the last call): subscribe again well within it.
    /// A new observer beyond <see cref="SweepObserverLimit.MaxLive"/> live ones is refused with
    /// <see cref="SweepRejectedException"/>; renewing one already subscribed always succeeds.
    /// </summary>
    [AlwaysInterleave]
    Task Subscribe(ISweepObserver observer);

    /// <summary>Stops pushing to <paramref name="observer"/>.</summary>
    [AlwaysInterleave]
    Task Unsubscribe(ISweepObserver observer);
}
