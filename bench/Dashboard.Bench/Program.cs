using System.Globalization;
using Dashboard.Bench;
using Microsoft.Playwright;
using Spectre.Console;

// The live dashboard at the scale (bench/README.md, "Live dashboard"). Args: [TRIALS=100] [EPOCHS=100] [EPOCHS_PER_SECOND=200]
var culture = CultureInfo.InvariantCulture;
var trials = args.Length > 0 ? int.Parse(args[0], culture) : 100;
var epochs = args.Length > 1 ? int.Parse(args[1], culture) : 100;
var rate = args.Length > 2 ? double.Parse(args[2], culture) : 200;
var chromium = Environment.GetEnvironmentVariable("ORCHESTRATOR_CHROMIUM") ?? "/usr/bin/chromium";
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
var (pages, seconds) = await DashboardStreamBench.RunAsync(browser, trials, epochs, rate, CancellationToken.None);

AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 220);
var table = new Table().Title(Markup.Escape($"Live dashboard, {trials} trials × {epochs} epochs streamed at {rate:F0} epochs/s ({seconds:F1} s), headless chromium ({Environment.ProcessorCount} cores)"));
table.AddColumns("page", "events", "redraws", "redraw ms median / p95 / max", "drawing ms per pushed epoch", "event → drawn ms median / p95 / max", "frames/s", $"frames > {DashboardStreamBench.LongFrameMs:F0} ms (longest)", "last epoch drawn after publish");
foreach (var p in pages)
{
    table.AddRow(
        Markup.Escape(p.Page), p.Events.ToString(culture), p.Redraws.ToString(culture),
        string.Create(culture, $"{p.RedrawMedian:F0} / {p.RedrawP95:F0} / {p.RedrawMax:F0}"),
        p.DrawPerEpoch.ToString("F2", culture),
        string.Create(culture, $"{p.LatencyMedian:F0} / {p.LatencyP95:F0} / {p.LatencyMax:F0}"),
        p.FramesPerSecond.ToString("F1", culture),
        string.Create(culture, $"{p.LongFrames} ({p.LongestFrame:F0} ms)"),
        string.Create(culture, $"{p.LastDrawnAfter:F0} ms"));
}

AnsiConsole.Write(table);
AnsiConsole.MarkupLine("events: epoch and trial events the page handled; drawing ms per pushed epoch: the page's total redraw time / epochs it was sent.");
