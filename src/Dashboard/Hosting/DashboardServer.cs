using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Dashboard.Live;
using Orchestrator.Dashboard.Orleans;
using Orchestrator.Dashboard.Sources;

namespace Orchestrator.Dashboard.Hosting;

/// <summary>
/// The dashboard's web host (Kestrel, in the calling process): pages, the JSON API and the event stream over
/// one <see cref="IDashboardSource"/>, behind the <see cref="DashboardBinding"/>'s token rule.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url, string? token)
    {
        _app = app;
        Url = url;
        Token = token;
    }

    /// <summary>The base URL (without the token).</summary>
    public Uri Url { get; }

    /// <summary>The token every request must carry, or null on loopback without one.</summary>
    public string? Token { get; }

    /// <summary>The URL to open: with <c>?token=…</c> when a token is required.</summary>
    public string OpenUrl => OpenUrlOf(string.Empty);

    /// <summary>The URL to open at <paramref name="page"/> (relative, e.g. <c>sweeps/ID</c>), with the token when one is required.</summary>
    public string OpenUrlOf(string page) => Token is null ? $"{Url}{page}" : $"{Url}{page}?token={Uri.EscapeDataString(Token)}";

    /// <summary>
    /// Starts serving <paramref name="source"/>; live events come from <paramref name="events"/>. With a
    /// <paramref name="cluster"/>, Orleans' grain-level view is mounted too (under <see cref="OrleansGrainView.Path"/>).
    /// </summary>
    public static async Task<DashboardServer> StartAsync(IDashboardSource source, LiveEvents events, DashboardBinding binding, CancellationToken cancel, IClusterClient? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(binding.Address, binding.Port));
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton(events);
        if (cluster is not null)
        {
            builder.Services.AddOrleansGrainView(cluster);
        }

        var app = builder.Build();
        if (binding.Token is { } token)
        {
            var gate = new TokenGate(token);
            app.Use(gate.InvokeAsync);
        }

        app.MapDashboard();
        app.MapOrleansGrainView(cluster is not null);
        try
        {
            await app.StartAsync(cancel);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new InputException($"cannot listen on {binding.Address}:{binding.Port} ({ex.Message}); choose another --port (or 0 for a free one)");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var host = IPAddress.IsLoopback(binding.Address) || binding.Address.Equals(IPAddress.Any) || binding.Address.Equals(IPAddress.IPv6Any)
            ? (binding.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && IPAddress.IsLoopback(binding.Address) ? "[::1]" : binding.Address.Equals(IPAddress.Loopback) ? "127.0.0.1" : Dns.GetHostName())
            : binding.Address.ToString();
        return new DashboardServer(app, new Uri($"http://{host}:{port}/"), binding.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Open event streams are cut off, which is what closing the dashboard means.
        }

        await _app.DisposeAsync();
    }
}
