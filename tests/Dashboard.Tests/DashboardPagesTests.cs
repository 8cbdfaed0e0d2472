using System.Globalization;
using Microsoft.Playwright;
using Orchestrator.Dashboard.Hosting;

namespace Orchestrator.Dashboard.Tests;

/// <summary>The pages in a real browser (Debian's chromium), served from a results folder.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPagesTests(ChromiumFixture chromium)
{
    private static readonly string Screenshots = Environment.GetEnvironmentVariable("ORCHESTRATOR_DASHBOARD_SCREENSHOTS") ?? string.Empty;

    [Fact]
    public async Task The_three_pages_render_a_results_folder()
    {
        using var sweep = GeneratedSweep.Write("rendered", trials: 6, epochs: 12);
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.Loopback(), TestContext.Current.CancellationToken);
        var page = await NewPageAsync();

        await OpenAsync(page, server.Url + "");
        Assert.Equal("rendered", await page.InnerTextAsync("#sweeps tbody tr td a"));
        await ShotAsync(page, "sweeps");

        await OpenAsync(page, server.Url + "sweeps/rendered");
        Assert.Equal(6, await page.Locator("#trials tbody tr").CountAsync());
        Assert.Equal(6, await page.EvaluateAsync<int>("document.getElementById('overlay').data.length"));
        Assert.True(await page.Locator("#parallel .main-svg").CountAsync() > 0, "the parallel-coordinates chart was not drawn");
        await ShotAsync(page, "sweep");

        await OpenAsync(page, server.Url + "sweeps/rendered/trials/t000");
        Assert.Equal(12, await page.EvaluateAsync<int>("document.getElementById('distance').data[0].x.length"));
        Assert.Equal("12", await page.GetAttributeAsync("#diagram", "data-epoch"));
        Assert.Equal(GeneratedSweep.Neurons - 1, await page.EvaluateAsync<int>("document.getElementById('diagram').data[0].y.length"));
        await ShotAsync(page, "trial");
    }

    [Fact]
    public async Task Clicking_a_column_header_sorts_the_trial_table()
    {
        using var sweep = GeneratedSweep.Write("sorted", trials: 8, epochs: 3);
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.Loopback(), TestContext.Current.CancellationToken);
        var page = await NewPageAsync();
        await OpenAsync(page, server.Url + "sweeps/sorted");
        var column = await page.EvaluateAsync<int>("[...document.querySelectorAll('#trials th')].findIndex(th => th.dataset.key === 'testAccuracy')");

        await page.ClickAsync("#trials th[data-key=testAccuracy]");
        var ascending = await ColumnAsync(page, column);
        await page.ClickAsync("#trials th[data-key=testAccuracy]");
        var descending = await ColumnAsync(page, column);

        Assert.Equal(8, ascending.Count);
        Assert.Equal(ascending.Order().ToList(), ascending);
        Assert.Equal(ascending.OrderDescending().ToList(), descending);
        Assert.NotEqual(ascending, descending);
    }

    [Fact]
    public async Task Moving_the_epoch_slider_redraws_the_birth_death_diagram_of_that_epoch()
    {
        using var sweep = GeneratedSweep.Write("scrubbed", trials: 1, epochs: 10);
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.Loopback(), TestContext.Current.CancellationToken);
        var page = await NewPageAsync();
        await OpenAsync(page, server.Url + "sweeps/scrubbed/trials/t000");
        var last = await page.GetAttributeAsync("#diagram", "data-births");

        await page.Locator("#epoch").FillAsync("2");
        await page.WaitForFunctionAsync("document.getElementById('diagram').dataset.epoch === '2'");

        var second = await page.GetAttributeAsync("#diagram", "data-births");
        Assert.NotEqual(last, second);
        // The page draws what the topology code computes for that epoch's connectome: the births' sum matches.
        var expected = sweep.Epochs["t000"][1].Signals.Persistence0;
        Assert.Equal(expected, double.Parse(second!, CultureInfo.InvariantCulture), 4);
        Assert.Equal("2", await page.InnerTextAsync("#epoch-label"));
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        return await context.NewPageAsync();
    }

    internal static async Task OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"{url}: {response?.Status}");
        await page.WaitForFunctionAsync("window.__dash && window.__dash.ready === true");
    }

    private static async Task<List<double>> ColumnAsync(IPage page, int column) =>
        [.. (await page.EvaluateAsync<string[]>($"[...document.querySelectorAll('#trials tbody tr')].map(r => r.children[{column}].textContent)")).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>Keeps a screenshot for the docs when ORCHESTRATOR_DASHBOARD_SCREENSHOTS names a folder.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Screenshots.Length > 0)
        {
            await page.WaitForTimeoutAsync(300);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"dashboard-{name}.png"), FullPage = true });
        }
    }
}
