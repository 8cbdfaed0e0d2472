using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Watches a sweep until every trial is final. The coordinator pushes trial changes and epochs to an observer
/// (<see cref="ISweepObserver"/>) as they happen; polling is the fallback: a resync every
/// <see cref="ResyncInterval"/> (which also catches a coordinator that moved silos and forgot its observers),
/// and a subscription renewed every <see cref="ResubscribeInterval"/> because Orleans subscriptions expire.
/// When <c>cancel</c> fires it either cancels the sweep once and keeps watching until the running trials have
/// stopped, which takes at most one epoch, or detaches and leaves the sweep running (<see cref="WatchStop"/>).
/// A call lost with its gateway (the silo the watcher talked to was killed) is retried with backoff while the
/// client moves to another gateway and the coordinator is activated again elsewhere, for up to
/// <see cref="ReconnectWindow"/>; the subscription is then renewed at once, so pushes resume.
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
    /// How long the watch keeps retrying while no call gets through. A killed silo is declared dead in about 10 s
    /// and the client rereads the gateways every <see cref="ClusterEndpoint.GatewayListRefresh"/>; a restarted
    /// cluster may take longer, so a minute and a half, not seconds.
    /// </summary>
    public static readonly TimeSpan ReconnectWindow = TimeSpan.FromSeconds(90);

    /// <summary>The first wait before a lost call is retried; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between two retries.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

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
            var lost = false;
            var status = await RetryAsync(coordinator.GetStatus, () => lost = true, cancel);
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
                    status = await RetryAsync(coordinator.Cancel, () => lost = true, CancellationToken.None);
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
                        status = await RetryAsync(coordinator.GetStatus, () => lost = true, cancelled ? CancellationToken.None : cancel);
                    }
                    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                    {
                        // Ctrl-C while the cluster was out of reach: the top of the loop detaches or cancels.
                        continue;
                    }

                    nextResync = DateTime.UtcNow + ResyncInterval;
                    changed = true;
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
            (t.Spec.Id, Records: (IReadOnlyList<EpochRecord>)await RetryAsync(client.GetGrain<ITopologyGrain>(t.Spec.GrainKey).GetSeries, static () => { }, CancellationToken.None))));
        return series.ToDictionary(s => s.Id, s => s.Records, StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs <paramref name="call"/> until it gets through: a timeout or an Orleans error (the gateway or the grain's
    /// silo died) is retried with backoff, calling <paramref name="onLost"/>, for up to <see cref="ReconnectWindow"/>.
    /// An error the grain itself threw is not retried.
    /// </summary>
    /// <exception cref="ClusterUnreachableException">No call got through within <see cref="ReconnectWindow"/>.</exception>
    internal static async Task<T> RetryAsync<T>(Func<Task<T>> call, Action onLost, CancellationToken cancel)
    {
        DateTime? since = null;
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                onLost();
                since ??= DateTime.UtcNow;
                if (DateTime.UtcNow - since > ReconnectWindow)
                {
                    throw new ClusterUnreachableException(
                        $"the cluster did not answer for {ReconnectWindow.TotalSeconds:0} s (last error: {ex.GetType().Name}: {ex.Message}); the sweep may still be running: `orchestrator sweep watch` follows it again", ex);
                }

                await Task.Delay(delay, cancel);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    private static bool IsDone(SweepStatus status) =>
        status.State is SweepState.Finished or SweepState.Cancelled or SweepState.Unknown && status.Trials.All(t => t.State.IsFinal());

    private static async Task SubscribeAsync(ISweepCoordinatorGrain coordinator, ISweepObserver observer)
    {
        try
        {
            await coordinator.Subscribe(observer);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // Polling carries the watch until the next renewal succeeds.
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
