using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Hosting;
using Orchestrator.Dashboard.Live;
using Orchestrator.Dashboard.Sources;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// The browser's cost at the scale, 100 trials × 100 epochs: the sweep page holds 100 × 99 epochs, then
/// the 100th epoch of every trial is published through the production sink (<see cref="LiveSweepProgress"/>, what
/// the sweep monitor calls) at 100 epochs a second. The coordinator-to-browser path is in <see cref="LiveClusterTests"/>.
/// The page's update times are measured and reported (the README keeps them); the 1 s target is not asserted, as
/// DEVELOPERS.md rules out timed assertions on this shared machine (under the full parallel suite a redraw here
/// took up to 1.05 s, against 0.16–0.37 s alone). What is asserted: every epoch is drawn without a reload, bursts
/// are coalesced into fewer redraws than events, and nothing takes pathologically long (10 s).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveUpdateTimingTests(ChromiumFixture chromium)
{
    private const int Trials = 100;
    private const int Epochs = 100;

    [Fact]
    public async Task At_100_trials_by_100_epochs_every_pushed_epoch_is_drawn_and_redraws_are_coalesced()
    {
        var cancel = TestContext.Current.CancellationToken;
        var source = HeldSweepSource.Generate("busy", Trials, Epochs);
        var events = new LiveEvents();
        await using var server = await DashboardServer.StartAsync(source, events, DashboardBinding.Loopback(), cancel);
        var page = await (await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } })).NewPageAsync();
        await DashboardPagesTests.OpenAsync(page, server.Url + "sweeps/busy");
        Assert.Equal(Trials * (Epochs - 1), await TotalPointsAsync(page));
        await page.EvaluateAsync("window.__dash.renders = []");

        var progress = new LiveSweepProgress("busy", events);
        var clock = Stopwatch.StartNew();
        var publishedAt = new double[Trials];
        for (var t = 0; t < Trials; t++)
        {
            publishedAt[t] = clock.Elapsed.TotalMilliseconds;
            progress.OnEpoch(source.TrialIds[t], source.Last[t]);
            await Task.Delay(10, cancel);
        }

        await page.WaitForFunctionAsync($"(() => {{ let n = 0; for (const t of document.getElementById('overlay').data) n += t.x.length; return n === {Trials * Epochs}; }})()", null, new() { Timeout = 30_000 });
        var lastShownAfter = clock.Elapsed.TotalMilliseconds - publishedAt[^1];
        var renders = await page.EvaluateAsync<RenderTiming[]>("window.__dash.renders");

        var draw = renders.Select(r => r.DrawMs).Order().ToList();
        var wait = renders.Select(r => r.SinceEventMs).Order().ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[dashboard timing] 100 trials x 100 epochs: {renders.Length} redraws for {Trials} epochs; redraw median {draw[draw.Count / 2]:F0} ms, max {draw[^1]:F0} ms; event-to-drawn median {wait[wait.Count / 2]:F0} ms, max {wait[^1]:F0} ms; last epoch drawn {lastShownAfter:F0} ms after it was published"));
        Assert.InRange(renders.Length, 1, Trials - 1);
        Assert.True(lastShownAfter < 10_000, $"the last epoch was drawn {lastShownAfter:F0} ms after it was published");
    }

    private static Task<int> TotalPointsAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<int>("(() => { let n = 0; for (const t of document.getElementById('overlay').data) n += t.x.length; return n; })()");

    /// <summary>One redraw as the page timed it (settable: Playwright fills it property by property).</summary>
    public sealed class RenderTiming
    {
        public double DrawMs { get; set; }

        public double SinceEventMs { get; set; }
    }

    /// <summary>
    /// A running sweep held in memory (the state a coordinator would report), whose last epoch per trial is kept
    /// back for the test to publish.
    /// </summary>
    private sealed class HeldSweepSource(SweepStatus sweep, ConcurrentDictionary<string, IReadOnlyList<EpochRecord>> epochs, string[] trialIds, EpochRecord[] last) : IDashboardSource
    {
        public string[] TrialIds => trialIds;

        public EpochRecord[] Last => last;

        public bool Live => true;

        public string ConnectomesKept => "none (timing test)";

        public static HeldSweepSource Generate(string sweepId, int trials, int epochCount)
        {
            var statuses = ImmutableArray.CreateBuilder<TrialStatus>();
            var epochs = new ConcurrentDictionary<string, IReadOnlyList<EpochRecord>>(StringComparer.Ordinal);
            var ids = new string[trials];
            var last = new EpochRecord[trials];
            for (var t = 0; t < trials; t++)
            {
                var spec = new TrialSpec { Id = $"t{t:D3}", SweepId = sweepId, Dataset = "synthetic", Model = "mlp-small", LearningRate = 0.01 * (1 + (t % 5)), Seed = t, MaxEpochs = 200, Stopping = new StoppingMethod { Name = "top" } };
                var series = GeneratedSweep.Series(spec, epochCount, root: null, keepConnectomes: false);
                ids[t] = spec.Id;
                last[t] = series[^1];
                epochs[spec.Id] = series[..^1];
                statuses.Add(new TrialStatus { Spec = spec, State = TrialState.Running, EpochsRun = epochCount - 1 });
            }

            var status = new SweepStatus { SweepId = sweepId, State = SweepState.Running, Trials = statuses.ToImmutable(), SubmittedAt = DateTime.UtcNow };
            return new HeldSweepSource(status, epochs, ids, last);
        }

        public Task<IReadOnlyList<SweepStatus>> SweepsAsync(CancellationToken cancel) => Task.FromResult<IReadOnlyList<SweepStatus>>([sweep]);

        public Task<SweepStatus?> SweepAsync(string sweepId, CancellationToken cancel) => Task.FromResult(sweepId == sweep.SweepId ? sweep : null);

        public Task<IReadOnlyList<EpochRecord>> EpochsAsync(TrialSpec trial, CancellationToken cancel) => Task.FromResult(epochs[trial.Id]);

        public Task<float[]?> ConnectomeAsync(TrialSpec trial, int epoch, CancellationToken cancel) => Task.FromResult<float[]?>(null);
    }
}
