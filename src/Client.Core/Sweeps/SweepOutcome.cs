using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>The results of a watched (or inspected) sweep, written to disk.</summary>
/// <param name="Status">The sweep the results describe.</param>
/// <param name="Directory">The results folder written (<c>&lt;root&gt;/&lt;sweep-id&gt;</c>).</param>
/// <param name="Partial">Not every trial finished (cancelled, or written while running).</param>
public sealed record SweepOutcome(SweepStatus Status, string Directory, bool Partial)
{
    /// <summary>Some trial failed (diverged trials end as such, not as failures).</summary>
    public bool AnyFailed => Status.Trials.Any(t => t.State == TrialState.Failed);

    /// <summary>Why results are partial, as it is: "running", "cancelled", or null when every trial finished.</summary>
    public string? PartialReason => PartialReasonOf(Status);

    /// <summary>
    /// "cancelled" when the sweep or any trial was cancelled, "running" while a trial is pending or running,
    /// null when every trial ended on its own.
    /// </summary>
    public static string? PartialReasonOf(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State == SweepState.Cancelled || status.Trials.Any(t => t.State == TrialState.Cancelled))
        {
            return "cancelled";
        }

        return status.Trials.All(t => t.State.IsFinal()) ? null : "running";
    }

    /// <summary>Fetches every trial's epochs and writes the results folder under <paramref name="resultsRoot"/>.</summary>
    public static async Task<SweepOutcome> WriteAsync(IClusterClient client, SweepWatch watch, string resultsRoot)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var status = watch.Status;
        if (status.State == SweepState.Unknown)
        {
            // An unknown sweep has no trials to report: writing its folder would pass an empty result off as one.
            throw new ClusterUnavailableException($"the cluster has no sweep {status.SweepId} (lost, deleted or never submitted); no results written; see `orchestrator sweep list`");
        }

        var epochs = await new SweepMonitor(client).EpochsAsync(status);
        var partial = watch.Cancelled || PartialReasonOf(status) is not null;
        var directory = SweepResultsWriter.Write(resultsRoot, status, epochs, partial);
        return new SweepOutcome(status, directory, partial);
    }
}
