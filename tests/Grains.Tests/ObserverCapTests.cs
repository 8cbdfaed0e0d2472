using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

/// <summary>A raw client subscribing fresh observers without end is bounded by <see cref="SweepObserverLimit.MaxLive"/>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ObserverCapTests(TestClusterFixture fixture)
{
    /// <summary>An observer that ignores what is pushed: only its subscription matters here.</summary>
    private sealed class SilentObserver : ISweepObserver
    {
        public void OnTrialChanged(TrialStatus status)
        {
        }

        public void OnEpoch(string trialId, EpochRecord record)
        {
        }
    }

    [Fact]
    public async Task Subscribe_past_the_live_observer_cap_is_refused_while_renewals_and_freed_places_still_pass()
    {
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>("observer-cap-" + Guid.NewGuid().ToString("N")[..8]);

        // The objects are held in this list: an object reference only keeps a weak reference to its target.
        var watchers = Enumerable.Range(0, SweepObserverLimit.MaxLive + 1).Select(_ => new SilentObserver()).ToList();
        var references = watchers.Select(fixture.Client.CreateObjectReference<ISweepObserver>).ToList();
        try
        {
            foreach (var reference in references.Take(SweepObserverLimit.MaxLive))
            {
                await coordinator.Subscribe(reference);
            }

            var extra = references[^1];
            var refused = await Assert.ThrowsAsync<SweepRejectedException>(() => coordinator.Subscribe(extra));
            Assert.Contains($"already has {SweepObserverLimit.MaxLive} live observers", refused.Message, StringComparison.Ordinal);
            Assert.Contains("unsubscribe a watcher you no longer need", refused.Message, StringComparison.Ordinal);

            // Renewing a subscription the coordinator holds is never refused, even at the cap.
            await coordinator.Subscribe(references[0]);
            await Assert.ThrowsAsync<SweepRejectedException>(() => coordinator.Subscribe(extra));

            // A watcher that leaves frees its place for a new one.
            await coordinator.Unsubscribe(references[1]);
            await coordinator.Subscribe(extra);
            await Assert.ThrowsAsync<SweepRejectedException>(() => coordinator.Subscribe(references[1]));
        }
        finally
        {
            foreach (var reference in references)
            {
                await coordinator.Unsubscribe(reference);
                fixture.Client.DeleteObjectReference<ISweepObserver>(reference);
            }

            GC.KeepAlive(watchers);
        }
    }
}
