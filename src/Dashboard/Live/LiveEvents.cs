using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;

namespace Orchestrator.Dashboard.Live;

/// <summary>
/// Fans trial and epoch events out to every open browser. Each browser has its own bounded queue that drops
/// its oldest events when the browser cannot keep up: a slow tab never holds back the sweep or other tabs
/// (it catches up from the API on its next resync).
/// </summary>
public sealed class LiveEvents
{
    /// <summary>Events a browser may fall behind by before the oldest are dropped.</summary>
    public const int QueueLength = 20_000;

    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    /// <summary>Publishes <paramref name="payload"/> as a <paramref name="kind"/> event of <paramref name="sweepId"/>.</summary>
    public void Publish(string sweepId, string kind, object payload)
    {
        if (_subscribers.IsEmpty)
        {
            return;
        }

        var live = new LiveEvent(sweepId, kind, JsonSerializer.Serialize(payload, DashboardJson.Options));
        foreach (var subscriber in _subscribers.Keys)
        {
            if (subscriber.SweepId is null || subscriber.SweepId == sweepId)
            {
                subscriber.Queue.Writer.TryWrite(live);
            }
        }
    }

    /// <summary>Events of one sweep (or of all, when <paramref name="sweepId"/> is null) until disposed.</summary>
    public Subscription Subscribe(string? sweepId)
    {
        var subscription = new Subscription(this, sweepId);
        _subscribers[subscription] = 0;
        return subscription;
    }

    /// <summary>One browser's queue.</summary>
    public sealed class Subscription(LiveEvents owner, string? sweepId) : IDisposable
    {
        internal Channel<LiveEvent> Queue { get; } = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public string? SweepId { get; } = sweepId;

        public ChannelReader<LiveEvent> Reader => Queue.Reader;

        public void Dispose()
        {
            owner._subscribers.TryRemove(this, out _);
            Queue.Writer.TryComplete();
        }
    }
}
