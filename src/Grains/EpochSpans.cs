using System.Diagnostics;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// The run grain's recent <c>epoch</c> spans, so a phase the engine runs after the epoch's training has ended
/// (the checkpoint, possibly while the next epoch trains) still hangs under its own epoch in the trace, not under
/// whichever span is current then.
/// </summary>
internal sealed class EpochSpans
{
    /// <summary>Monitoring trails training by at most one epoch; a few more cover a slow checkpoint.</summary>
    private const int Kept = 4;

    private readonly Dictionary<int, ActivityContext> _contexts = [];
    private readonly Lock _lock = new();

    /// <summary>Remembers the span of <paramref name="epoch"/> (none when tracing is off) and forgets old ones.</summary>
    public void Remember(int epoch, Activity? span)
    {
        if (span is null)
        {
            return;
        }

        lock (_lock)
        {
            _contexts[epoch] = span.Context;
            foreach (var old in _contexts.Keys.Where(e => e <= epoch - Kept).ToList())
            {
                _contexts.Remove(old);
            }
        }
    }

    /// <summary>Starts <paramref name="name"/> as a child of <paramref name="epoch"/>'s span, tagged like the topology grain's phase spans.</summary>
    public Activity? StartChild(string name, TrialSpec spec, int epoch)
    {
        ActivityContext parent;
        lock (_lock)
        {
            if (!_contexts.TryGetValue(epoch, out parent))
            {
                parent = Activity.Current?.Context ?? default;
            }
        }

        return OrchestratorMetrics.ActivitySource.StartActivity(
            name, ActivityKind.Internal, parent,
            [new("sweep.id", spec.SweepId), new("trial.id", spec.Id), new("stopping.method", spec.Stopping.Name), new("epoch", epoch)]);
    }
}
