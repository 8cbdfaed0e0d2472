using System.Globalization;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Orchestrator.Security;

/// <summary>
/// How to reach the cluster's Redis: <c>HOST:PORT</c> from the command line, and the credentials (ACL user,
/// password, TLS) from the environment or a file. The password is never part of <see cref="ToString"/>, so what is
/// printed or logged about the connection cannot leak it.
/// </summary>
public sealed partial record RedisConnection
{
    /// <summary>The variable holding the Redis password (or <c>ORCHESTRATOR_REDIS_PASSWORD_FILE</c>, a file holding it).</summary>
    public const string PasswordVariable = "ORCHESTRATOR_REDIS_PASSWORD";

    /// <summary>The variable naming the Redis ACL user (default: the <c>default</c> user).</summary>
    public const string UserVariable = "ORCHESTRATOR_REDIS_USER";

    /// <summary>Set to 1 to speak TLS to Redis.</summary>
    public const string TlsVariable = "ORCHESTRATOR_REDIS_TLS";

    /// <summary>A PEM file of the authority that signed Redis' certificate (default: the system's trusted roots).</summary>
    public const string TlsCaVariable = "ORCHESTRATOR_REDIS_TLS_CA";

    private RedisConnection(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>ACL user, or null for Redis' <c>default</c> user.</summary>
    public string? User { get; init; }

    /// <summary>The password (never printed: see <see cref="ToString"/>).</summary>
    public string? Password { get; init; }

    /// <summary>Speak TLS to Redis.</summary>
    public bool Tls { get; init; }

    /// <summary>PEM file of the authority that signed Redis' certificate, when it is not a system-trusted one.</summary>
    public string? TlsCa { get; init; }

    /// <summary>
    /// Parses <c>HOST:PORT</c> (the <c>--redis</c> option) and reads the credentials from the environment, or the
    /// password from <paramref name="passwordFile"/> when given.
    /// </summary>
    /// <exception cref="SecurityConfigurationException">Not HOST:PORT, a secret on the command line, or an unreadable secret file.</exception>
    public static RedisConnection Parse(string endpoint, string option = "--redis", string? passwordFile = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Contains(',', StringComparison.Ordinal) || endpoint.Contains('=', StringComparison.Ordinal))
        {
            // Options after the endpoint (password=, user=, ssl=) would sit in `ps` and in logs: refuse them all.
            throw new SecurityConfigurationException(
                $"{option}: give only HOST:PORT; Redis options such as password= are not read from the command line (visible in `ps` and logs): " +
                $"put the password in a file (mode 0600) and pass --redis-password-file FILE or set {PasswordVariable}_FILE=FILE " +
                $"(or {PasswordVariable}); the ACL user in {UserVariable}; TLS with {TlsVariable}=1");
        }

        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new SecurityConfigurationException($"{option}: '{Bounded(endpoint)}' is not HOST:PORT (e.g. 127.0.0.1:6379)");
        }

        var user = Environment.GetEnvironmentVariable(UserVariable);
        var tls = Environment.GetEnvironmentVariable(TlsVariable);
        var ca = Environment.GetEnvironmentVariable(TlsCaVariable);
        return new RedisConnection(endpoint[..colon].Trim('[', ']'), port)
        {
            Password = Secret.Read(PasswordVariable, passwordFile),
            User = string.IsNullOrEmpty(user) ? null : user,
            Tls = tls is "1" or "true" or "yes" || !string.IsNullOrEmpty(ca),
            TlsCa = string.IsNullOrEmpty(ca) ? null : ca,
        };
    }

    /// <summary>StackExchange.Redis options for this connection (a fresh copy each call: providers keep theirs).</summary>
    public ConfigurationOptions ToConfiguration()
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { Host, Port } },
            User = User,
            Password = Password,
            Ssl = Tls,
            AbortOnConnectFail = false,
        };
        if (TlsCa is not null)
        {
            options.TrustIssuer(TlsCa);
        }

        return options;
    }

    /// <summary><c>HOST:PORT</c> alone, as given to <c>--redis</c>.</summary>
    public string Endpoint => $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>HOST:PORT</c>, with the user and TLS when set, and whether a password is used; never the password.</summary>
    public override string ToString() =>
        Endpoint +
        (User is null ? string.Empty : $" (user {User})") + (Tls ? " over TLS" : string.Empty) + (Password is null ? string.Empty : " with a password");

    /// <summary>Replaces the value of every <c>password=</c> in <paramref name="text"/> (e.g. a connection string in an error) with ***.</summary>
    public static string Scrub(string text) => text is null ? string.Empty : PasswordSetting().Replace(text, "$1***");

    private static string Bounded(string text) => text.Length <= 200 ? text : text[..200] + "…";

    [GeneratedRegex("((?:password|pwd)\\s*=\\s*)[^,;\\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordSetting();
}
