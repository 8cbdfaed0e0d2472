using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orchestrator.Security;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Where a front end finds a cluster: a local gateway port (embedded silo) or a Redis membership table, with the
/// Redis credentials and, when the cluster uses it, the client's TLS certificate.
/// </summary>
public sealed record ClusterEndpoint(int? GatewayPort, RedisConnection? Redis, string ClusterId = "orchestrator")
{
    /// <summary>How long the CLI waits for one grain call.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the client rereads the gateways from Redis (Orleans' default is a minute): a watcher whose gateway
    /// died finds the silos that are left, or a restarted one, within seconds.
    /// </summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(2);

    /// <summary>Mutual TLS to the gateways (the cluster's silos run with <c>--tls-cert</c>); null: plain.</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Connects an Orleans client; dispose the host to disconnect.</summary>
    public async Task<IHost> ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        builder.Services.AddClientTelemetry();
        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();

            // Every call the CLI makes is short; a call lost with a dead gateway should fail over in seconds, not 30.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
            if (Tls is not null)
            {
                client.UseClusterTls(Tls);
            }

            if (Redis is not null)
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = "orchestrator";
                });
                client.UseRedisClustering(o => o.ConfigurationOptions = Redis.ToConfiguration());
            }
            else
            {
                client.UseLocalhostClustering(GatewayPort ?? throw new ArgumentException("a local silo needs its gateway port", nameof(GatewayPort)), serviceId: "orchestrator", clusterId: ClusterId);
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>The connected client of a host built by <see cref="ConnectAsync"/>.</summary>
    public static IClusterClient ClientOf(IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
