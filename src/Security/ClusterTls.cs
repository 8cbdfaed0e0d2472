using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Orchestrator.Security;

/// <summary>
/// Mutual TLS between the members of one cluster: each presents its certificate and accepts only a peer whose
/// certificate chains to the cluster's own authority (not the system's roots: a certificate any public CA signed
/// must not get in). Host names are not checked, because silos advertise IP addresses; the authority is the check.
/// </summary>
public sealed class ClusterTls(X509Certificate2 certificate, X509Certificate2 authority)
{
    /// <summary>This member's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The cluster's authority.</summary>
    public X509Certificate2 Authority { get; } = authority;

    /// <summary>True when <paramref name="peer"/> chains to <see cref="Authority"/> alone and is valid now.</summary>
    public bool IsSignedByAuthority(X509Certificate2? peer)
    {
        if (peer is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        // A self-made CA publishes no revocation list; the authority's own key is the trust.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(peer) && chain.ChainElements[^1].Certificate.Thumbprint == Authority.Thumbprint;
    }

    /// <summary>Sets <paramref name="options"/> for mutual authentication against <see cref="Authority"/>.</summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false;
        options.RemoteCertificateValidation = (peer, _, errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsSignedByAuthority(peer);
    }
}

/// <summary>Turns <see cref="ClusterTls"/> on for a silo or a client.</summary>
public static class ClusterTlsHosting
{
    /// <summary>Silo-to-silo and gateway connections: TLS, and only members with a certificate of the cluster's authority.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTls tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return silo.UseTls(tls.Certificate, tls.Configure);
    }

    /// <summary>Client-to-gateway connections: TLS, presenting the client's certificate and checking the silo's.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTls tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return client.UseTls(tls.Certificate, tls.Configure);
    }
}
