namespace Orchestrator.Contracts;

/// <summary>How many observers one sweep coordinator holds at once (issue 16: a raw client is bounded too).</summary>
public static class SweepObserverLimit
{
    /// <summary>
    /// Live (unexpired) subscriptions per sweep coordinator. Each costs memory and a push per trial change and epoch,
    /// so a client subscribing fresh object references without end would otherwise grow the coordinator without bound.
    /// Real watchers are a handful (a CLI or dashboard each); a watcher refused here still polls
    /// <see cref="ISweepCoordinatorGrain.GetStatus"/>, and renewing a subscription already held is never refused.
    /// </summary>
    public const int MaxLive = 256;
}
