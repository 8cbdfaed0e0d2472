using System.Net;
using Orchestrator.Dashboard.Hosting;
using Orchestrator.Grains;
using Orleans.Dashboard;
using Orleans.TestingHost;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// Orleans' own grain-level view, mounted in our web host over a real in-process cluster whose silo runs the
/// dashboard's grain service (as <c>orchestrator-silo</c> does), behind the same token as our pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrleansGrainViewTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Token = "an-orleans-view-test-token";
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orchestrator-dashboard-tests", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(OrchestratorStorage.Name);
            silo.UseInMemoryReminderService();
            silo.AddDashboard();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = _checkpoints;
                o.Slots = 1;
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
    public async Task The_orleans_view_opens_from_our_pages_behind_the_token_and_is_refused_without_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var server = await DashboardLaunch.ForClusterAsync(_cluster.Client, DashboardBinding.From("127.0.0.1", 0, Token), cancel);
        using var http = new HttpClient { BaseAddress = server.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("orleans/", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("orleans/DashboardCounters", cancel)).StatusCode);

        var page = await (await chromium.Browser.NewContextAsync()).NewPageAsync();
        await DashboardPagesTests.OpenAsync(page, server.OpenUrl);
        var counters = page.WaitForResponseAsync(r => r.Url.EndsWith("/orleans/DashboardCounters", StringComparison.Ordinal) && r.Status == 200);
        await page.ClickAsync("#orleans-link");
        var response = await counters;
        await page.WaitForSelectorAsync("text=Active Silos");
        Assert.Equal("Orleans Dashboard", await page.TitleAsync());

        // The counters come from the silo's dashboard grain service through our client. The first answers may come
        // before the silo's first report reached the service, so ask again (in the page, with its token) until it is there.
        var activeSilos = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); activeSilos == 0 && DateTime.UtcNow < deadline; await Task.Delay(250, cancel))
        {
            activeSilos = await page.EvaluateAsync<int>(
                "async url => (await (await fetch(url)).json()).hosts.filter(h => h.status === 'Active').length", response.Url);
        }

        Assert.Equal(1, activeSilos);
    }

    [Fact]
    public async Task A_results_folder_links_no_orleans_view_and_says_why_there_is_none()
    {
        using var sweep = GeneratedSweep.Write("no-cluster", trials: 1, epochs: 2);
        var cancel = TestContext.Current.CancellationToken;
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.Loopback(), cancel);
        var page = await (await chromium.Browser.NewContextAsync()).NewPageAsync();
        await DashboardPagesTests.OpenAsync(page, server.Url.ToString());
        Assert.Equal(0, await page.Locator("#orleans-link").CountAsync());

        using var http = new HttpClient { BaseAddress = server.Url };
        var refused = await http.GetAsync("orleans/", cancel);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("needs a cluster", await refused.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
    }
}
