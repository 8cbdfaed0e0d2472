using Orchestrator.Dashboard.Live;
using Orchestrator.Dashboard.Sources;

namespace Orchestrator.Dashboard.Hosting;

/// <summary>The two ways a front end starts the dashboard: over a connected cluster (live) or over a results folder (read-only).</summary>
public static class DashboardLaunch
{
    /// <summary>Serves every sweep <paramref name="client"/>'s cluster knows, pushing their events live, and the cluster's Orleans grain view.</summary>
    public static Task<DashboardServer> ForClusterAsync(IClusterClient client, DashboardBinding binding, CancellationToken cancel)
    {
        var events = new LiveEvents();
        return DashboardServer.StartAsync(new ClusterSource(client, events), events, binding, cancel, client);
    }

    /// <summary>Serves the finished sweep in <paramref name="resultsFolder"/> read-only.</summary>
    public static Task<DashboardServer> ForResultsAsync(string resultsFolder, DashboardBinding binding, CancellationToken cancel) =>
        DashboardServer.StartAsync(ResultsFolderSource.Load(resultsFolder), new LiveEvents(), binding, cancel);
}
