using System.Net;
using Orchestrator.Security;

namespace Orchestrator.Silo;

/// <summary>
/// What the `silo` verb reads before it starts: the Redis endpoint and credentials (checked with a PING, so a
/// wrong password is one clear line, not a retry loop), the bind address, and the TLS files. A silo that binds an
/// address other than loopback is reachable from the network, so it refuses to start without mutual TLS.
/// </summary>
internal sealed record SiloSecurity(RedisConnection? Redis, ClusterTls? Tls, IPAddress Address, string? Error)
{
    public static async Task<SiloSecurity> ReadAsync(string? redis, string? redisPasswordFile, string? address, string? tlsCert, string? tlsKey, string? tlsCa)
    {
        IPAddress bind;
        if (string.IsNullOrWhiteSpace(address))
        {
            bind = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(address, out bind!))
        {
            return Failed($"--address: '{(address.Length > 100 ? address[..100] + "…" : address)}' is not an IP address (e.g. 10.0.0.5; omit it for loopback)");
        }

        try
        {
            var files = ClusterTlsFiles.From(tlsCert, tlsKey, tlsCa);
            if (files is null && !IPAddress.IsLoopback(bind))
            {
                return Failed(
                    $"--address {bind} is reachable from the network, and Orleans traffic without TLS is neither encrypted nor authenticated: " +
                    $"make a CA and certificates with scripts/make-certs.sh, then give --tls-cert, --tls-key and --tls-ca (or {ClusterTlsFiles.CertificateVariable}, " +
                    $"{ClusterTlsFiles.KeyVariable}, {ClusterTlsFiles.AuthorityVariable}); or omit --address to stay on loopback");
            }

            if (redis is null && redisPasswordFile is not null)
            {
                return Failed("--redis-password-file needs --redis HOST:PORT (an embedded silo has no Redis)");
            }

            var connection = redis is null ? null : RedisConnection.Parse(redis, passwordFile: redisPasswordFile);
            var tls = files?.Load();
            if (connection is not null && await RedisProbe.CheckAsync(connection) is { } refused)
            {
                return Failed(refused);
            }

            return new SiloSecurity(connection, tls, bind, null);
        }
        catch (SecurityConfigurationException ex)
        {
            return Failed(ex.Message);
        }
    }

    private static SiloSecurity Failed(string error) => new(null, null, IPAddress.Loopback, error);
}
