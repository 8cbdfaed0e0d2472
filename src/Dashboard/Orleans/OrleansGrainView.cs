using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Orchestrator.Dashboard.Orleans;

/// <summary>
/// Orleans' own grain-level view (<c>Microsoft.Orleans.Dashboard</c>) under <see cref="Path"/> in our web host, so
/// it sits behind the same binding and token rule as our pages. Its data comes from the silos (each calls
/// <c>AddDashboard()</c>: a grain service and a profiling call filter); its UI and JSON endpoints only need an
/// <see cref="IGrainFactory"/>, which is the front end's connected cluster client.
/// </summary>
internal static class OrleansGrainView
{
    /// <summary>Where the view is mounted; our pages link to it.</summary>
    public const string Path = "/orleans";

    /// <summary>
    /// Registers the view's services in the web host. Orleans registers them on an Orleans client's service
    /// collection; ours is the web host's, so the client's grain factory is handed in, rather than running a
    /// second Orleans client inside the web host.
    /// </summary>
    public static void AddOrleansGrainView(this IServiceCollection services, IClusterClient cluster)
    {
        services.AddSingleton<IGrainFactory>(cluster);
        // The trace page would stream this web host's log, not the cluster's: hidden rather than misleading.
        new WebHostClientBuilder(services).AddDashboard(o => o.HideTrace = true);
    }

    /// <summary>Maps the view, or (with no cluster: a results folder) a page saying why there is none.</summary>
    public static void MapOrleansGrainView(this WebApplication app, bool hasCluster)
    {
        if (hasCluster)
        {
            app.MapOrleansDashboard(Path);
            return;
        }

        app.MapGet(Path + "/{**rest}", () => Results.Text(
            "the Orleans grain view needs a cluster: it is served by `orchestrator dashboard --redis HOST:PORT` and `orchestrator local run --dashboard-port P`, not for a results folder\n",
            "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound));
    }

    /// <summary>The web host's services seen as an Orleans client builder, which is what <c>AddDashboard</c> extends.</summary>
    private sealed class WebHostClientBuilder(IServiceCollection services) : IClientBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
