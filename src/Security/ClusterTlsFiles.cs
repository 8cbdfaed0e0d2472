using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Security;

/// <summary>
/// The files a cluster member proves itself with: its certificate (PEM with a PEM key, or a PFX whose password
/// comes from <see cref="PfxPasswordVariable"/>) and the authority every member's certificate must chain to.
/// Paths come from options or the environment; <c>scripts/make-certs.sh</c> makes a set for a local cluster.
/// </summary>
/// <param name="Certificate">PEM certificate or PFX file of this member.</param>
/// <param name="Key">PEM private key of a PEM <paramref name="Certificate"/> (null for a PFX, or a PEM holding both).</param>
/// <param name="Authority">PEM certificate of the cluster's authority (CA).</param>
public sealed record ClusterTlsFiles(string Certificate, string? Key, string Authority)
{
    /// <summary>Variable naming this member's certificate (PEM or PFX).</summary>
    public const string CertificateVariable = "ORCHESTRATOR_TLS_CERT";

    /// <summary>Variable naming the PEM private key of a PEM certificate.</summary>
    public const string KeyVariable = "ORCHESTRATOR_TLS_KEY";

    /// <summary>Variable naming the cluster authority's PEM certificate.</summary>
    public const string AuthorityVariable = "ORCHESTRATOR_TLS_CA";

    /// <summary>Variable holding a PFX's password (or <c>…_FILE</c>, a file holding it).</summary>
    public const string PfxPasswordVariable = "ORCHESTRATOR_TLS_PFX_PASSWORD";

    /// <summary>
    /// The files named by options, each falling back to its variable; null when neither a certificate nor an
    /// authority is named (no TLS).
    /// </summary>
    /// <exception cref="SecurityConfigurationException">Only some of the files are named.</exception>
    public static ClusterTlsFiles? From(string? certificate, string? key, string? authority)
    {
        certificate = Pick(certificate, CertificateVariable);
        key = Pick(key, KeyVariable);
        authority = Pick(authority, AuthorityVariable);
        if (certificate is null && authority is null && key is null)
        {
            return null;
        }

        if (certificate is null || authority is null)
        {
            throw new SecurityConfigurationException(
                $"TLS needs this member's certificate (--tls-cert or {CertificateVariable}) and the cluster's authority (--tls-ca or {AuthorityVariable}); " +
                $"{(certificate is null ? "the certificate" : "the authority")} is missing (make a set with scripts/make-certs.sh)");
        }

        return new ClusterTlsFiles(certificate, key, authority);
    }

    /// <summary>The files named by the environment alone (front ends: the CLI and the dashboard); null when none is.</summary>
    public static ClusterTlsFiles? FromEnvironment() => From(null, null, null);

    /// <summary>Reads and checks the certificate, its private key and the authority.</summary>
    /// <exception cref="SecurityConfigurationException">A file is missing or unreadable, the key does not match, or the certificate is not signed by the authority.</exception>
    public ClusterTls Load()
    {
        var authority = Read(Authority, "the cluster authority (--tls-ca / " + AuthorityVariable + ")", path => X509CertificateLoader.LoadCertificateFromFile(path));
        var certificate = Read(Certificate, "this member's certificate (--tls-cert / " + CertificateVariable + ")", LoadOwn);
        if (!certificate.HasPrivateKey)
        {
            throw new SecurityConfigurationException($"{Certificate}: the certificate has no private key: give the PEM key with --tls-key / {KeyVariable}, or a PFX that holds it");
        }

        var tls = new ClusterTls(certificate, authority);
        if (!tls.IsSignedByAuthority(certificate))
        {
            throw new SecurityConfigurationException(
                $"{Certificate}: not signed by the authority in {Authority} (or expired): every silo and client needs a certificate from the same CA (scripts/make-certs.sh)");
        }

        return tls;
    }

    private X509Certificate2 LoadOwn(string path)
    {
        if (Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, Secret.Read(PfxPasswordVariable), X509KeyStorageFlags.EphemeralKeySet);
        }

        return X509Certificate2.CreateFromPemFile(path, Key);
    }

    private static T Read<T>(string path, string what, Func<string, T> load)
    {
        if (!File.Exists(path))
        {
            throw new SecurityConfigurationException($"{path}: {what} does not exist (make a set with scripts/make-certs.sh)");
        }

        try
        {
            return load(path);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new SecurityConfigurationException($"{path}: {what} cannot be read: {ex.Message}", ex);
        }
    }

    private static string? Pick(string? option, string variable)
    {
        var value = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(variable) : option;
        return string.IsNullOrWhiteSpace(value) ? null : Path.GetFullPath(value);
    }
}
