using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Where <see cref="SweepMonitor"/> reports what it sees: a front end renders it (a live table, log lines,
/// a web page). Calls come one at a time from the watching task, never concurrently.
/// </summary>
public interface ISweepProgress
{
    /// <summary>The sweep as now known, after a pushed change or a poll.</summary>
    void OnStatus(SweepStatus status);

    /// <summary>A trial finished an epoch (pushed; a polling-only watch never calls this).</summary>
    void OnEpoch(string trialId, EpochRecord record)
    {
    }
}
