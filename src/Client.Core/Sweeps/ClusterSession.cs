using Microsoft.Extensions.Hosting;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>A connected Orleans client of a Redis cluster, disposed when the command ends.</summary>
public sealed class ClusterSession(IHost host) : IAsyncDisposable
{
    private readonly IHost _host = host;

    public IClusterClient Client { get; } = ClusterEndpoint.ClientOf(host);

    public static async Task<ClusterSession> ConnectAsync(string redis, CancellationToken cancellationToken)
    {
        if (!redis.Contains(':', StringComparison.Ordinal))
        {
            throw new InputException($"--redis: '{redis}' is not HOST:PORT (e.g. 127.0.0.1:6379)");
        }

        return new ClusterSession(await new ClusterEndpoint(null, redis).ConnectAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
