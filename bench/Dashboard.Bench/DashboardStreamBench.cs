using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Orchestrator.Dashboard.Hosting;

namespace Dashboard.Bench;

/// <summary>
/// Streams a sweep of <c>trials × epochs</c> into the real dashboard (Kestrel, Server-Sent Events, the pages and
/// plotly as shipped) while a sweep page and a trial page are open in headless chromium, then reads what the pages
/// timed: each redraw's drawing time, each pushed event's wait until it was drawn, and the animation frames the
/// page managed meanwhile (a frame gap over 100 ms is a long frame: visible jank).
/// </summary>
internal static class DashboardStreamBench
{
    /// <summary>Frames longer than this are counted as long (a stutter a user sees).</summary>
    public const double LongFrameMs = 100;

    private const string Probe = """
        (() => {
          window.__dash.renders = []; window.__dash.latencies = []; window.__frames = [];
          const tick = t => { window.__frames.push(t); requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        })()
        """;

    private const string SweepPoints = "(() => { let n = 0; for (const t of document.getElementById('overlay').data) n += t.x.length; return n; })()";

    public static async Task<(IReadOnlyList<PageTiming> Pages, double StreamSeconds)> RunAsync(IBrowser browser, int trials, int epochs, double epochsPerSecond, CancellationToken cancel)
    {
        var sweep = StreamedSweep.Generate("bench", trials, epochs);
        await using var server = await DashboardServer.StartAsync(sweep, sweep.Events, DashboardBinding.Loopback(), cancel);
        var viewport = new BrowserNewContextOptions { ViewportSize = new() { Width = 1400, Height = 1000 } };
        var sweepPage = await (await browser.NewContextAsync(viewport)).NewPageAsync();
        var trialPage = await (await browser.NewContextAsync(viewport)).NewPageAsync();
        await OpenAsync(sweepPage, server.Url + "sweeps/bench");
        await OpenAsync(trialPage, server.Url + $"sweeps/bench/trials/{sweep.TrialIds[0]}");
        await sweepPage.EvaluateAsync(Probe);
        await trialPage.EvaluateAsync(Probe);

        // One round = the next epoch of every trial; rounds are spaced so epochs arrive at the asked rate.
        var round = TimeSpan.FromSeconds(trials / epochsPerSecond);
        var clock = Stopwatch.StartNew();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            sweep.PublishRound(epoch);
            var next = round * epoch - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, cancel);
            }
        }

        var published = clock.Elapsed;
        var sweepDone = WaitAsync(sweepPage, $"{SweepPoints} === {trials * epochs}", clock);
        var trialDone = WaitAsync(trialPage, $"document.getElementById('distance').data[0].x.length === {epochs}", clock);
        var lastSweep = (await sweepDone - published).TotalMilliseconds;
        var lastTrial = (await trialDone - published).TotalMilliseconds;
        var streamSeconds = published.TotalSeconds;
        return ([
            await ReadAsync(sweepPage, $"sweep page ({trials} trials)", trials * epochs, streamSeconds, lastSweep),
            await ReadAsync(trialPage, "trial page (1 trial)", epochs, streamSeconds, lastTrial),
        ], streamSeconds);
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        if (response is not { Ok: true })
        {
            throw new InvalidOperationException($"{url}: {response?.Status}");
        }

        await page.WaitForFunctionAsync("window.__dash && window.__dash.ready === true");
    }

    private static async Task<TimeSpan> WaitAsync(IPage page, string condition, Stopwatch clock)
    {
        await page.WaitForFunctionAsync(condition, null, new() { Timeout = 120_000 });
        return clock.Elapsed;
    }

    private static async Task<PageTiming> ReadAsync(IPage page, string name, int epochsPushed, double streamSeconds, double lastDrawnAfter)
    {
        var json = await page.EvaluateAsync<string>("JSON.stringify({ renders: window.__dash.renders, latencies: window.__dash.latencies, frames: window.__frames })");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var draws = root.GetProperty("renders").EnumerateArray().Select(r => r.GetProperty("drawMs").GetDouble()).ToList();
        var latencies = root.GetProperty("latencies").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var frames = root.GetProperty("frames").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var gaps = frames.Zip(frames.Skip(1), (a, b) => b - a).ToList();
        var framesSeconds = frames.Count > 1 ? (frames[^1] - frames[0]) / 1000 : streamSeconds;
        return new PageTiming(
            name, latencies.Count, draws.Count,
            PageTiming.Percentile(draws, 50), PageTiming.Percentile(draws, 95), draws.Count > 0 ? draws.Max() : 0,
            draws.Sum() / epochsPushed,
            PageTiming.Percentile(latencies, 50), PageTiming.Percentile(latencies, 95), latencies.Count > 0 ? latencies.Max() : 0,
            frames.Count / framesSeconds, gaps.Count(g => g > LongFrameMs), gaps.Count > 0 ? gaps.Max() : 0,
            lastDrawnAfter);
    }
}
