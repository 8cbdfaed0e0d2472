using System.Net;
using System.Security.Cryptography;

namespace Orchestrator.Dashboard.Hosting;

/// <summary>
/// Where the dashboard listens and who may read it. Loopback needs no token; any other address does, so a
/// dashboard reachable from the network is never open: without <c>--token</c> one is generated (and printed once).
/// </summary>
public sealed record DashboardBinding(IPAddress Address, int Port, string? Token)
{
    /// <summary>Loopback on <paramref name="port"/> (0: a free port), no token.</summary>
    public static DashboardBinding Loopback(int port = 0) => new(IPAddress.Loopback, port, null);

    /// <summary>Validates command-line values; <see cref="InputException"/> names the option and the fix.</summary>
    /// <param name="address">--address: an IP address, or null/empty for loopback.</param>
    /// <param name="port">The port (0: see <paramref name="zeroMeans"/>).</param>
    /// <param name="token">--token, or null (generated when the address is not loopback).</param>
    /// <param name="portOption">The port's option name in messages (<c>--port</c>, or <c>local run</c>'s <c>--dashboard-port</c>).</param>
    /// <param name="zeroMeans">What port 0 means to that option, for the message.</param>
    public static DashboardBinding From(string? address, int port, string? token, string portOption = "--port", string zeroMeans = "a free port")
    {
        if (port is < 0 or > 65535)
        {
            throw new InputException($"{portOption} {port} is out of range: give 1–65535, or 0 for {zeroMeans}");
        }

        var ip = IPAddress.Loopback;
        if (!string.IsNullOrWhiteSpace(address) && !IPAddress.TryParse(address, out ip!))
        {
            throw new InputException($"--address '{address}' is not an IP address: give e.g. 127.0.0.1 (default) or 0.0.0.0");
        }

        if (token is { } given && (given.Length < 16 || given.Any(char.IsWhiteSpace)))
        {
            throw new InputException("--token must be at least 16 characters without spaces (or leave it out to get a generated one)");
        }

        if (token is null && !IPAddress.IsLoopback(ip))
        {
            token = Generate();
        }

        return new DashboardBinding(ip, port, token);
    }

    /// <summary>A random 32-character URL-safe token.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
