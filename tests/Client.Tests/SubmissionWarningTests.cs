using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Client.Tests;

public sealed class SubmissionWarningTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Submitting_a_criterion_that_cannot_fire_warns_naming_its_earliest_stop_before_anything_else()
    {
        var file = _fixture.WriteText("short.json", """{ "name": "short", "dataset": "synthetic", "model": "mlp-small", "stopping": ["top", { "method": "vl", "parameters": { "maxEpochs": 40 } }], "maxEpochs": 8 }""");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // No cluster is needed to see the warnings: they come before connecting (which then fails, exit 2).
        var result = await CliFixture.Run("sweep", "submit", file, "--redis", $"127.0.0.1:{closedPort}");
        var lines = result.Stderr.Split('\n');
        Assert.StartsWith("warning: stopping[0]: top cannot stop before epoch 15", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("warning: stopping[1].parameters.maxEpochs: 40 exceeds the sweep's maxEpochs 8", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, result.ExitCode);
    }
}
