using System.Text.Json;
using Microsoft.Playwright;
using Orchestrator.Dashboard.Hosting;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Dashboard.Tests;

/// <summary>The trial page's TOP distance chart draws the criterion's threshold band from the trial's own parameters, and marks the stop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThresholdBandTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_distance_chart_draws_the_threshold_band_of_the_trials_own_criterion_and_marks_the_stop()
    {
        using var sweep = GeneratedSweep.Write("banded", trials: 2, epochs: 16);
        await using var server = await DashboardLaunch.ForResultsAsync(sweep.Folder, DashboardBinding.Loopback(), TestContext.Current.CancellationToken);
        var page = await (await chromium.Browser.NewContextAsync()).NewPageAsync();
        await DashboardPagesTests.OpenAsync(page, server.Url + "sweeps/banded/trials/t000");

        var traces = await TracesAsync(page);
        var drawn = Assert.Single(traces, t => t.Name.StartsWith("threshold band", StringComparison.Ordinal));
        Assert.Equal("threshold band (top(relativeThreshold=0.05,window=3))", drawn.Name);

        // The band the criterion itself holds after each epoch, with the recorded parameters (window 3, 5 %): not
        // the defaults (window 5, 10 %), which would start two epochs later and be twice as wide.
        var expected = Expected(GeneratedSweep.Top, sweep.Epochs["t000"]);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, drawn.Band);
        // The filled polygon runs along the upper edges and back along the lower ones.
        Assert.Equal(expected.Select(b => b.Upper).Max(), drawn.Y.Max());
        Assert.Equal(expected.Select(b => b.Lower).Min(), drawn.Y.Min());
        Assert.All(expected, b => Assert.Equal(0.05 * b.Upper, b.Upper - b.Lower, 12));

        // The stop is marked at the trial's stop epoch.
        Assert.Equal(16, await page.EvaluateAsync<double>("document.getElementById('distance').layout.shapes[0].x0"));

        // A validation-loss trial has no such band.
        await DashboardPagesTests.OpenAsync(page, server.Url + "sweeps/banded/trials/t001");
        Assert.DoesNotContain(await TracesAsync(page), t => t.Name.StartsWith("threshold band", StringComparison.Ordinal));
    }

    private static List<(int Epoch, double Lower, double Upper)> Expected(Contracts.StoppingMethod method, IReadOnlyList<Contracts.EpochRecord> epochs)
    {
        var rule = new SmoothedPlateauRule(new PlateauRuleOptions { Window = int.Parse(method.Parameters["window"], System.Globalization.CultureInfo.InvariantCulture), RelativeThreshold = double.Parse(method.Parameters["relativeThreshold"], System.Globalization.CultureInfo.InvariantCulture) }, "w");
        var band = new List<(int, double, double)>();
        foreach (var record in epochs)
        {
            var decision = rule.Observe(record.Epoch, record.Signals.Distance);
            if (rule.Band is { } b)
            {
                band.Add((record.Epoch, b.Lower, b.Upper));
            }

            if (decision.ShouldStop)
            {
                break;
            }
        }

        return band;
    }

    private static async Task<List<(string Name, List<double> Y, List<(int Epoch, double Lower, double Upper)> Band)>> TracesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("JSON.stringify(document.getElementById('distance').data.map(t => ({ name: t.name, y: t.y, meta: t.meta ?? [] })))");
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(t => (
            t.GetProperty("name").GetString() ?? string.Empty,
            t.GetProperty("y").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToList(),
            t.GetProperty("meta").EnumerateArray().Select(p => (p.GetProperty("epoch").GetInt32(), p.GetProperty("lower").GetDouble(), p.GetProperty("upper").GetDouble())).ToList()))];
    }
}
