using System.Diagnostics;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// The epoch's phases as child spans of the current span (the run grain's <c>epoch</c>, propagated by Orleans).
/// The engine measures train, validation, probe, connectome and test wall time but does not trace them, so their
/// spans are reconstructed from those measurements, laid end to end before the snapshot reached this grain; the
/// <c>topology</c> span is traced live around the decomposition and criterion.
/// </summary>
internal static class TopologyGrainSpans
{
    public static void RecordMeasuredPhases(TrialSpec spec, EpochSnapshotMessage snapshot, DateTimeOffset arrived)
    {
        if (!OrchestratorMetrics.ActivitySource.HasListeners())
        {
            return;
        }

        (string Name, double Seconds)[] phases =
        [
            ("train", snapshot.TrainSeconds), ("validation", snapshot.ValidationSeconds), ("probe", snapshot.ProbeSeconds),
            ("connectome", snapshot.ConnectomeSeconds), ("test", snapshot.TestSeconds),
        ];
        var start = arrived - TimeSpan.FromSeconds(phases.Sum(p => p.Seconds));
        foreach (var (name, seconds) in phases.Where(p => p.Seconds > 0))
        {
            using var span = OrchestratorMetrics.ActivitySource.StartActivity(name, ActivityKind.Internal, Activity.Current?.Context ?? default, Tags(spec, snapshot.Epoch), startTime: start);
            start += TimeSpan.FromSeconds(seconds);
            span?.SetTag("orchestrator.reconstructed", true);
            span?.SetEndTime(start.UtcDateTime);
        }
    }

    public static Activity? StartTopology(TrialSpec spec, int epoch) =>
        OrchestratorMetrics.ActivitySource.StartActivity("topology", ActivityKind.Internal, Activity.Current?.Context ?? default, Tags(spec, epoch));

    private static KeyValuePair<string, object?>[] Tags(TrialSpec spec, int epoch) =>
        [new("sweep.id", spec.SweepId), new("trial.id", spec.Id), new("stopping.method", spec.Stopping.Name), new("epoch", epoch)];
}
