using System.Threading.Channels;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// The client-side observer: Orleans calls it on its own threads, so it only queues what arrives; the
/// watching task takes the events off the queue in order.
/// </summary>
internal sealed class SweepEvents : ISweepObserver
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<object> Reader => _queue.Reader;

    public void OnTrialChanged(TrialStatus status) => _queue.Writer.TryWrite(status);

    public void OnEpoch(string trialId, EpochRecord record) => _queue.Writer.TryWrite(new EpochEvent(trialId, record));

    /// <summary>An epoch pushed for a trial.</summary>
    internal sealed record EpochEvent(string TrialId, EpochRecord Record);
}
