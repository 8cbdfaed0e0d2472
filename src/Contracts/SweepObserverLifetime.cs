namespace Orchestrator.Contracts;

/// <summary>How long a sweep observer's subscription lasts: the coordinator forgets observers it has not heard from.</summary>
public static class SweepObserverLifetime
{
    /// <summary>
    /// A subscription not renewed within this time is dropped, so a watcher that vanished without unsubscribing
    /// costs nothing for long. Watchers renew at a fraction of it.
    /// </summary>
    public static readonly TimeSpan Subscription = TimeSpan.FromMinutes(2);
}
