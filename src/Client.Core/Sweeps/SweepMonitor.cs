using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Watches a sweep until every trial is final. The coordinator pushes trial changes and epochs to an observer
/// (<see cref="ISweepObserver"/>) as they happen; polling is the fallback: a resync every
/// <see cref="ResyncInterval"/> (which also catches a coordinator that moved silos and forgot its observers),
/// and a subscription renewed every <see cref="ResubscribeInterval"/> because Orleans subscriptions expire.
/// When <c>cancel</c> fires it either cancels the sweep once and keeps watching until the running trials have
/// stopped, which takes at most one epoch, or detaches and leaves the sweep running (<see cref="WatchStop"/>).
/// </summary>
public sealed class SweepMonitor(IClusterClient client)
{
    /// <summary>How often the full status is fetched even when events arrive.</summary>
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often the subscription is renewed (well within <see cref="SweepObserverLifetime.Subscription"/>).</summary>
    public static readonly TimeSpan ResubscribeInterval = SweepObserverLifetime.Subscription / 4;

    /// <summary>How often the status is fetched once every trial is final and only the sweep's own state is awaited.</summary>
    public static readonly TimeSpan FinishingPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a watch keeps calling a coordinator that does not answer (a Redis restart, a gateway that died, a
    /// coordinator moving silos) before it gives up with <see cref="ClusterUnavailableException"/>.
    /// </summary>
    public static readonly TimeSpan UnreachableLimit = TimeSpan.FromSeconds(90);

    /// <summary>Watches <paramref name="sweepId"/>, reporting every change to <paramref name="progress"/>.</summary>
    public Task<SweepWatch> WatchAsync(string sweepId, ISweepProgress progress, CancellationToken cancel) =>
        WatchAsync(sweepId, progress, cancel, WatchStop.CancelSweep);

    /// <summary>Watches <paramref name="sweepId"/>; when <paramref name="cancel"/> fires, does what <paramref name="onStop"/> says.</summary>
    public async Task<SweepWatch> WatchAsync(string sweepId, ISweepProgress progress, CancellationToken cancel, WatchStop onStop)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>(sweepId);
        var events = new SweepEvents();
        var observer = client.CreateObjectReference<ISweepObserver>(events);
        try
        {
            await SubscribeAsync(coordinator, observer);
            var nextSubscribe = DateTime.UtcNow + ResubscribeInterval;
            var status = await PatientlyAsync(sweepId, coordinator.GetStatus);
            var known = status.State != SweepState.Unknown;
            var lost = false;
            var nextResync = DateTime.UtcNow + ResyncInterval;
            var cancelled = false;
            progress.OnStatus(status);
            while (!IsDone(status))
            {
                if (cancel.IsCancellationRequested && onStop == WatchStop.Detach)
                {
                    return new SweepWatch(status, Cancelled: false) { Detached = true };
                }

                if (cancel.IsCancellationRequested && !cancelled)
                {
                    cancelled = true;
                    status = await PatientlyAsync(sweepId, coordinator.Cancel);
                    progress.OnStatus(status);
                    continue;
                }

                var waitUntil = status.Trials.All(t => t.State.IsFinal()) ? DateTime.UtcNow + FinishingPollInterval : nextResync;
                var pushed = await WaitForEventsAsync(events, waitUntil, cancelled ? CancellationToken.None : cancel);
                var changed = false;
                while (events.Reader.TryRead(out var item))
                {
                    if (item is TrialStatus trial)
                    {
                        changed |= Apply(ref status, trial);
                    }
                    else if (item is SweepEvents.EpochEvent epoch)
                    {
                        progress.OnEpoch(epoch.TrialId, epoch.Record);
                    }
                }

                if (!pushed || DateTime.UtcNow >= nextResync || status.Trials.All(t => t.State.IsFinal()))
                {
                    try
                    {
                        status = await PatientlyAsync(sweepId, coordinator.GetStatus, () => lost = true, cancelled ? CancellationToken.None : cancel);
                    }
                    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                    {
                        // Ctrl-C while the cluster was out of reach: the top of the loop detaches or cancels.
                        continue;
                    }

                    nextResync = DateTime.UtcNow + ResyncInterval;
                    changed = true;
                    RequireNotLost(sweepId, known, status);
                    known |= status.State != SweepState.Unknown;
                }

                if (lost)
                {
                    // A coordinator activated again on another silo knows no observers: subscribe now, not in minutes.
                    lost = false;
                    nextSubscribe = DateTime.UtcNow;
                }

                if (DateTime.UtcNow >= nextSubscribe)
                {
                    await SubscribeAsync(coordinator, observer);
                    nextSubscribe = DateTime.UtcNow + ResubscribeInterval;
                }

                if (changed)
                {
                    progress.OnStatus(status);
                }
            }

            return new SweepWatch(status, cancelled);
        }
        finally
        {
            try
            {
                await coordinator.Unsubscribe(observer);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // The subscription expires on its own.
            }

            client.DeleteObjectReference<ISweepObserver>(observer);
        }
    }

    /// <summary>The recorded epochs of every trial of <paramref name="sweep"/>, by trial id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>>> EpochsAsync(SweepStatus sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var series = await Task.WhenAll(sweep.Trials.Select(async t =>
            (t.Spec.Id, Records: (IReadOnlyList<EpochRecord>)await PatientlyAsync(sweep.SweepId, client.GetGrain<ITopologyGrain>(t.Spec.GrainKey).GetSeries))));
        return series.ToDictionary(s => s.Id, s => s.Records, StringComparer.Ordinal);
    }

    /// <summary>
    /// A sweep the cluster knew and now answers as unknown was lost (its state is gone); before this check the watch
    /// ended there and wrote an empty result as if the sweep had finished.
    /// </summary>
    public static void RequireNotLost(string sweepId, bool known, SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (known && status.State == SweepState.Unknown)
        {
            throw new ClusterUnavailableException(
                $"sweep {sweepId} is gone from the cluster: it was there, and the coordinator now has no record of it (Redis restarted without its data, or the sweep was deleted); no results written. "
                + "Run Redis with its append-only file (scripts/local-cluster.sh does) and submit the sweep again.");
        }
    }

    /// <summary>
    /// Calls the coordinator until it answers: an unreachable cluster (timeouts, a lost gateway, a silo being
    /// declared dead) is retried with a doubling backoff for up to <see cref="UnreachableLimit"/>, then reported.
    /// Errors the grain itself throws are not retried.
    /// </summary>
    /// <param name="sweepId">The sweep, for the message.</param>
    /// <param name="call">The call.</param>
    /// <param name="onLost">Called on every failed try (the watch then renews its subscription).</param>
    /// <param name="cancel">Stops the waiting between tries (Ctrl-C during an outage).</param>
    public static async Task<T> PatientlyAsync<T>(string sweepId, Func<Task<T>> call, Action? onLost = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = DateTime.UtcNow + UnreachableLimit;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                onLost?.Invoke();
                if (DateTime.UtcNow + delay >= deadline)
                {
                    throw new ClusterUnavailableException(
                        $"the cluster did not answer for sweep {sweepId} for {UnreachableLimit.TotalSeconds:0} s ({ex.GetType().Name}: {BoundedMessage(ex)}); the sweep may still be running: check Redis and the silos, then `orchestrator sweep watch {sweepId} --redis …`",
                        ex);
                }

                await Task.Delay(delay, cancel);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static string BoundedMessage(Exception ex) => ex.Message.Length <= 200 ? ex.Message : ex.Message[..200] + "…";

    private static bool IsDone(SweepStatus status) =>
        status.State is SweepState.Finished or SweepState.Cancelled or SweepState.Unknown && status.Trials.All(t => t.State.IsFinal());

    private static async Task SubscribeAsync(ISweepCoordinatorGrain coordinator, ISweepObserver observer)
    {
        try
        {
            await coordinator.Subscribe(observer);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or SweepRejectedException)
        {
            // Polling carries the watch until the next renewal succeeds (a coordinator holding its most observers,
            // SweepObserverLimit.MaxLive, refuses a new one: this watch then sees the same changes, later).
        }
    }

    /// <summary>True when events arrived before <paramref name="until"/> (false on timeout or cancellation).</summary>
    private static async Task<bool> WaitForEventsAsync(SweepEvents events, DateTime until, CancellationToken cancel)
    {
        var wait = until - DateTime.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            return events.Reader.TryPeek(out _);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(wait);
        try
        {
            return await events.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Takes a pushed trial status unless it is older than what is held (a poll can overtake a push).</summary>
    private static bool Apply(ref SweepStatus status, TrialStatus pushed)
    {
        var trials = status.Trials;
        for (var i = 0; i < trials.Length; i++)
        {
            var held = trials[i];
            if (held.Spec.Id != pushed.Spec.Id)
            {
                continue;
            }

            if ((held.State.IsFinal() && !pushed.State.IsFinal()) || pushed.EpochsRun < held.EpochsRun || held == pushed)
            {
                return false;
            }

            status = status with { Trials = trials.SetItem(i, pushed) };
            return true;
        }

        return false;
    }
}
