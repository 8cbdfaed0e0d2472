using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// A connected Orleans client of a Redis cluster, disposed when the command ends. Connecting says within
/// seconds what is missing, and how to start it, rather than hanging or passing on a Redis client's advice.
/// </summary>
public sealed class ClusterSession(IHost host) : IAsyncDisposable
{
    /// <summary>How long Redis gets to accept a TCP connection.</summary>
    public static readonly TimeSpan RedisProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long the client waits for a silo's gateway once Redis answered.</summary>
    public static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(6);

    private readonly IHost _host = host;

    public IClusterClient Client { get; } = ClusterEndpoint.ClientOf(host);

    public static async Task<ClusterSession> ConnectAsync(string redis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var colon = redis.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(redis[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InputException($"--redis: '{redis}' is not HOST:PORT (e.g. 127.0.0.1:6379)");
        }

        var hostName = redis[..colon];
        if (!await ReachableAsync(hostName, port, cancellationToken))
        {
            throw new InputException(
                $"--redis: Redis not reachable at {redis}: start it with `redis-server --port {port}` (or `scripts/local-cluster.sh start` for Redis and silos on this machine, which prints the address to use)");
        }

        var connecting = new ClusterEndpoint(null, redis).ConnectAsync(cancellationToken);
        var finished = await Task.WhenAny(connecting, Task.Delay(GatewayTimeout, cancellationToken));
        if (finished == connecting && connecting.IsCompletedSuccessfully)
        {
            return new ClusterSession(connecting.Result);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // No gateway answered: the client would keep retrying. Its host is disposed whenever it gives up.
        _ = connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        throw new InputException(
            $"--redis: no silo joined the cluster at {redis} (Redis answers, but no silo gateway did within {GatewayTimeout.TotalSeconds:0} s): start one with " +
            $"`dotnet .build/silo/orchestrator-silo.dll silo --redis {redis}` (or `scripts/local-cluster.sh start`), then retry");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static async Task<bool> ReachableAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RedisProbeTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
