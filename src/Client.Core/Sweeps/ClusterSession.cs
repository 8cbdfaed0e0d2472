using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orchestrator.Security;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// A connected Orleans client of a Redis cluster, disposed when the command ends. Connecting says within
/// seconds what is missing, and how to start it, rather than hanging or passing on a Redis client's advice.
/// Credentials come from the environment (<see cref="RedisConnection"/>, <see cref="ClusterTlsFiles"/>), never
/// from the command line.
/// </summary>
public sealed class ClusterSession(IHost host) : IAsyncDisposable
{
    /// <summary>How long Redis gets to accept a TCP connection.</summary>
    public static readonly TimeSpan RedisProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long the client waits for a silo's gateway once Redis answered.</summary>
    public static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(6);

    private readonly IHost _host = host;

    public IClusterClient Client { get; } = ClusterEndpoint.ClientOf(host);

    /// <summary>Connects to the cluster whose Redis is <paramref name="redis"/> (HOST:PORT), with the credentials and TLS files of the environment.</summary>
    public static Task<ClusterSession> ConnectAsync(string redis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        RedisConnection connection;
        ClusterTls? tls;
        try
        {
            connection = RedisConnection.Parse(redis);
            tls = ClusterTlsFiles.FromEnvironment()?.Load();
        }
        catch (SecurityConfigurationException ex)
        {
            throw new InputException(ex.Message);
        }

        return ConnectAsync(connection, tls, cancellationToken);
    }

    /// <summary>Connects to the cluster whose Redis is <paramref name="redis"/>, presenting <paramref name="tls"/> to its gateways when given.</summary>
    public static async Task<ClusterSession> ConnectAsync(RedisConnection redis, ClusterTls? tls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (!await ReachableAsync(redis.Host, redis.Port, cancellationToken))
        {
            throw new InputException(
                $"--redis: Redis not reachable at {redis.Endpoint}: start it with `redis-server --port {redis.Port}` (or `scripts/local-cluster.sh start` for Redis and silos on this machine, which prints the address to use)");
        }

        if (await RedisProbe.CheckAsync(redis) is { } refused)
        {
            throw new InputException(refused);
        }

        var connecting = new ClusterEndpoint(null, redis) { Tls = tls }.ConnectAsync(cancellationToken);
        var finished = await Task.WhenAny(connecting, Task.Delay(GatewayTimeout, cancellationToken));
        if (finished == connecting && connecting.IsCompletedSuccessfully)
        {
            return new ClusterSession(connecting.Result);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // No gateway answered: the client would keep retrying. Its host is disposed whenever it gives up.
        _ = connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var tlsHint = tls is null
            ? $"; if the cluster's silos run with TLS, set {ClusterTlsFiles.CertificateVariable}, {ClusterTlsFiles.KeyVariable} and {ClusterTlsFiles.AuthorityVariable} to a client certificate of its authority (scripts/make-certs.sh)"
            : $"; the silos must run with TLS and trust the authority that signed {ClusterTlsFiles.CertificateVariable}";
        throw new InputException(
            $"--redis: no silo joined the cluster at {redis.Endpoint} (Redis answers, but no silo gateway did within {GatewayTimeout.TotalSeconds:0} s): start one with " +
            $"`dotnet .build/silo/orchestrator-silo.dll silo --redis {redis.Endpoint}` (or `scripts/local-cluster.sh start`), then retry{tlsHint}");
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
