using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Hosting;
using Orchestrator.Grains;
using Orchestrator.Sweeps;
using Orleans.TestingHost;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// The whole live path on real parts: a sweep trains on an in-process Orleans cluster with the real grains, the
/// coordinator pushes its epochs to the dashboard's monitor, the server streams them, and the browser draws them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveClusterTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orchestrator-dashboard-tests", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(OrchestratorStorage.Name);
            silo.UseInMemoryReminderService();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = _checkpoints;
                o.Slots = 1;
                o.ConnectomesKept = 5;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Epochs_of_a_running_sweep_appear_on_its_pages_without_a_reload()
    {
        var cancel = TestContext.Current.CancellationToken;
        var client = _cluster.Client;
        var sweep = SweepFile.Parse("""{ "name": "live", "dataset": "synthetic", "model": "mlp-small", "probeSize": 32, "fractions": [1.0], "grid": { "seed": [0] }, "stopping": ["none"], "recordTopology": true, "maxEpochs": 500 }""").Definition!;
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>("live");
        await coordinator.Submit(sweep);
        var trial = (await coordinator.GetStatus()).Trials.Single();
        await using var server = await DashboardLaunch.ForClusterAsync(client, DashboardBinding.Loopback(), cancel);
        var sweepPage = await (await chromium.Browser.NewContextAsync()).NewPageAsync();
        var trialPage = await (await chromium.Browser.NewContextAsync()).NewPageAsync();
        try
        {
            await DashboardPagesTests.OpenAsync(sweepPage, server.Url + "sweeps/live");
            await DashboardPagesTests.OpenAsync(trialPage, server.Url + $"sweeps/live/trials/{trial.Spec.Id}");
            var shownAtLoad = await trialPage.EvaluateAsync<int>("document.getElementById('distance').data[0].x.length");

            // Three more epochs than the page loaded with, drawn from pushed events alone.
            await trialPage.WaitForFunctionAsync($"document.getElementById('distance').data[0].x.length >= {shownAtLoad + 3}", null, new() { Timeout = 60_000 });
            await sweepPage.WaitForFunctionAsync($"document.getElementById('overlay').data[0].x.length >= {shownAtLoad + 3}", null, new() { Timeout = 60_000 });
            Assert.Equal(0, await trialPage.EvaluateAsync<int>("performance.getEntriesByType('navigation').filter(n => n.type === 'reload').length"));

            // The newest epoch's diagram comes from the connectome the topology grain kept.
            await trialPage.WaitForFunctionAsync("document.getElementById('diagram').dataset.births !== ''", null, new() { Timeout = 30_000 });
            var births = await trialPage.EvaluateAsync<int>("document.getElementById('diagram').data[0].y.length");
            var series = await client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.Equal(series[0].Signals.ConnectomeSize - 1, births);
        }
        finally
        {
            await coordinator.Cancel();
        }

        // What the page drew matches the grain's records, epoch for epoch (the page may trail by the epochs still in
        // flight; pushed events can arrive out of order, so wait until its series has no gap).
        await trialPage.WaitForFunctionAsync("(() => { const x = document.getElementById('distance').data[0].x; return x[x.length - 1] === x.length; })()", null, new() { Timeout = 10_000 });
        // One snapshot of both axes: the page may redraw between two reads.
        var snapshot = await trialPage.EvaluateAsync<string>("JSON.stringify(document.getElementById('distance').data[0])");
        using var trace = System.Text.Json.JsonDocument.Parse(snapshot);
        var drawnEpochs = trace.RootElement.GetProperty("x").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var drawn = trace.RootElement.GetProperty("y").EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
        var recorded = await client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
        Assert.True(drawn.Length <= recorded.Length);
        for (var i = 0; i < drawn.Length; i++)
        {
            Assert.Equal(recorded[i].Epoch, drawnEpochs[i]);
            Assert.Equal(recorded[i].Signals.Distance, drawn[i]);
        }
    }
}
