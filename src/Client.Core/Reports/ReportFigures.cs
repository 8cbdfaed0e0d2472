using ScottPlot;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Client.Core.Reports;

/// <summary>The report's PNG figures (ScottPlot, rendered headless with SkiaSharp).</summary>
internal static class ReportFigures
{
    internal const int Width = 900;
    internal const int Height = 520;
    internal static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Stop markers cycle through shapes as well as colours, so seeds stopping at the same point stay apart.</summary>
    private static readonly MarkerShape[] StopShapes = [MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp, MarkerShape.FilledSquare, MarkerShape.FilledCircle, MarkerShape.FilledTriangleDown, MarkerShape.Eks, MarkerShape.Cross];

    /// <summary>
    /// The epochs a distance criterion judges: after its warm-up, smoothed over its window. Read from the
    /// method's own parameters, else the catalog defaults; (0, 1) for a method without them.
    /// </summary>
    public static (int WarmUp, int Window) CriterionWindow(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = method.Split('(')[0];
        var given = method.Contains('(', StringComparison.Ordinal)
            ? method[(method.IndexOf('(', StringComparison.Ordinal) + 1)..].TrimEnd(')').Split(',').Select(p => p.Split('=')).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<StoppingCriterionParameter> defaults;
        try
        {
            defaults = StoppingCriterionCatalog.Default.Find(name).Parameters;
        }
        catch (ArgumentException)
        {
            defaults = [];
        }

        int Read(string parameter, int fallback) =>
            int.TryParse(given.GetValueOrDefault(parameter) ?? defaults.FirstOrDefault(d => string.Equals(d.Name, parameter, StringComparison.OrdinalIgnoreCase))?.DefaultValue, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;

        return (Read("warmUp", 0), Read("window", 1));
    }

    /// <summary>
    /// The raw signal of a distance-based criterion (<paramref name="signal"/>: graph distance for TOP, diagram
    /// distance for FP) and the smoothed value the criterion compared, per trial, the stop marked.
    /// </summary>
    public static bool Distances(
        string path, string title, string yLabel, Func<EpochResult, double?> signal, IEnumerable<(TrialResult Trial, IReadOnlyList<EpochResult> Epochs)> trials, (int WarmUp, int Window) criterion)
    {
        if (DistancePlot(signal, trials, criterion) is not { } plot)
        {
            return false;
        }

        var note = criterion.WarmUp > 0 ? $"; y scaled to epochs after warm-up {criterion.WarmUp}" : string.Empty;
        return SaveEpochPlot(plot, path, $"{title} (faint: raw, bold: smoothed over {criterion.Window}{note})", yLabel, autoscale: false);
    }

    /// <summary>The distance figure before titles and saving; null when no trial has the signal.</summary>
    internal static Plot? DistancePlot(Func<EpochResult, double?> signal, IEnumerable<(TrialResult Trial, IReadOnlyList<EpochResult> Epochs)> trials, (int WarmUp, int Window) criterion)
    {
        var plot = new Plot();
        var index = 0;
        var judged = new List<double>();
        var list = trials.ToList();

        // Seeds that stop at the same epoch get their markers spread a little sideways, so none hides another.
        var sameStop = list.Where(t => t.Trial.StopEpoch is not null).GroupBy(t => t.Trial.StopEpoch!.Value)
            .SelectMany(g => g.Select((t, i) => (t.Trial.Id, Offset: (i - ((g.Count() - 1) / 2.0)) * 0.2)))
            .ToDictionary(p => p.Id, p => p.Offset, StringComparer.Ordinal);
        var lastEpoch = 1;
        foreach (var (trial, epochs) in list)
        {
            var raw = epochs.Where(e => signal(e) is not null).ToList();
            if (raw.Count == 0)
            {
                continue;
            }

            var color = Palette.GetColor(index);
            var shape = StopShapes[index % StopShapes.Length];
            index++;
            var rawLine = plot.Add.Scatter(raw.Select(e => (double)e.Epoch).ToArray(), raw.Select(e => signal(e)!.Value).ToArray(), color.WithAlpha(0.35));
            rawLine.MarkerSize = 0;
            rawLine.LineWidth = 1;
            var smooth = epochs.Where(e => e.SmoothedDistance is not null).ToList();
            var smoothLine = plot.Add.Scatter(smooth.Select(e => (double)e.Epoch).ToArray(), smooth.Select(e => e.SmoothedDistance!.Value).ToArray(), color);
            smoothLine.MarkerSize = 0;
            smoothLine.LineWidth = 2;
            smoothLine.LegendText = trial.StopEpoch is { } s ? $"seed {trial.Seed}, stop {s}" : $"seed {trial.Seed}";
            judged.AddRange(raw.Where(e => e.Epoch > criterion.WarmUp + 1).Select(e => signal(e)!.Value));
            judged.AddRange(smooth.Where(e => e.Epoch > criterion.WarmUp).Select(e => e.SmoothedDistance!.Value));
            lastEpoch = Math.Max(lastEpoch, epochs.Count > 0 ? epochs.Max(e => e.Epoch) : 1);
            if (trial.StopEpoch is { } stop && smooth.FirstOrDefault(e => e.Epoch == stop) is { } at)
            {
                var marker = plot.Add.Marker(stop + sameStop.GetValueOrDefault(trial.Id), at.SmoothedDistance!.Value, shape, 13, color);
                marker.MarkerLineColor = Colors.Black;
                marker.MarkerLineWidth = 1;
                marker.LegendText = string.Empty;
            }
        }

        if (index == 0)
        {
            return null;
        }

        // The first epochs' spike would set the scale and squash the plateau the criterion judges near 0: the
        // y axis covers the epochs after the warm-up instead, from 0, and the spike runs off the top.
        var top = judged.Count > 0 ? judged.Max() : 1;
        plot.Axes.SetLimits(0, lastEpoch + 0.5, 0, top > 0 ? top * 1.15 : 1);
        return plot;
    }

    /// <summary>One line per trial of a per-epoch value, coloured by method.</summary>
    public static bool Curves(string path, string title, string yLabel, IReadOnlyList<MethodSummary> methods, ResultsFolder results, Func<EpochResult, double?> value)
    {
        var plot = new Plot();
        var any = false;
        for (var m = 0; m < methods.Count; m++)
        {
            var color = Palette.GetColor(m);
            var first = true;
            foreach (var trial in methods[m].Trials)
            {
                var points = results.EpochsOf(trial.Id).Where(e => value(e) is not null).ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(e => value(e)!.Value).ToArray(), color);
                line.MarkerSize = points.Count == 1 ? 5 : 0;
                line.LineWidth = 1.5f;
                if (trial.StopEpoch is { } stop && points.FirstOrDefault(e => e.Epoch == stop) is { } at)
                {
                    // Methods that hold out no data train identically per seed, so their curves overlap: the markers
                    // (one shape per method, outlined) tell them apart.
                    var marker = plot.Add.Marker(stop, value(at)!.Value, StopShapes[m % StopShapes.Length], 11, color);
                    marker.MarkerLineColor = Colors.Black;
                    marker.MarkerLineWidth = 1;
                }

                if (first)
                {
                    line.LegendText = methods[m].Method;
                    first = false;
                }

                any = true;
            }
        }

        if (!any)
        {
            return false;
        }

        return SaveEpochPlot(plot, path, title, yLabel);
    }

    private static bool SaveEpochPlot(Plot plot, string path, string title, string yLabel, bool autoscale = true)
    {
        Title(plot, title + " (markers: stops)");
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (autoscale)
        {
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsX(Math.Min(0, limits.Left), limits.Right);
        }

        CompactLegend(plot);
        plot.SavePng(path, Width, Height);
        return true;
    }

    /// <summary>A title that fits the figure's width: long ones get a smaller font rather than being cut.</summary>
    internal static void Title(Plot plot, string title)
    {
        var size = title.Length <= 60 ? 16f : Math.Max(10f, 16f * 60 / title.Length);
        plot.Title(title, size);
    }

    /// <summary>The legend inside the plot's top-right corner with a small font, so it never takes a third of the figure.</summary>
    internal static void CompactLegend(Plot plot)
    {
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 10;
        plot.Legend.SymbolWidth = 14;
    }

    /// <summary>A strip plot: one point per seed, per method, with the mean as a bar.</summary>
    public static bool Strip(string path, string title, string yLabel, IReadOnlyList<MethodSummary> methods, Func<TrialResult, double?> value)
    {
        var plot = new Plot();
        var any = false;
        for (var m = 0; m < methods.Count; m++)
        {
            var values = methods[m].Finished.Select(value).Where(v => v is not null).Select(v => v!.Value).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            var color = Palette.GetColor(m);
            // A fixed, symmetric jitter keeps seeds with equal values visible and the figure reproducible.
            var xs = values.Select((_, i) => m + ((i - ((values.Count - 1) / 2.0)) * 0.06)).ToArray();
            var points = plot.Add.Markers(xs, values.ToArray(), MarkerShape.FilledCircle, 9, color);
            points.LegendText = string.Empty;
            var mean = values.Average();
            var bar = plot.Add.Line(m - 0.25, mean, m + 0.25, mean);
            bar.Color = Colors.Black;
            bar.LineWidth = 2;
            any = true;
        }

        if (!any)
        {
            return false;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, methods.Count).Select(i => (double)i).ToArray(), methods.Select(s => s.Method).ToArray());
        plot.Axes.SetLimitsX(-0.6, methods.Count - 0.4);
        Title(plot, title + " (dots: seeds; bar: mean)");
        plot.YLabel(yLabel);
        plot.SavePng(path, Width, Height);
        return true;
    }

    /// <summary>Seconds per epoch per method: training next to the method's monitoring.</summary>
    public static bool Cost(string path, string title, IReadOnlyList<MethodSummary> methods)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var m = 0; m < methods.Count; m++)
        {
            bars.Add(new Bar { Position = (m * 3) + 0, Value = methods[m].TrainSecondsPerEpoch ?? 0, FillColor = Palette.GetColor(0) });
            bars.Add(new Bar { Position = (m * 3) + 1, Value = methods[m].MonitoringSecondsPerEpoch ?? 0, FillColor = Palette.GetColor(1) });
        }

        if (methods.All(m => m.TrainSecondsPerEpoch is null))
        {
            return false;
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, methods.Count).Select(i => (i * 3) + 0.5).ToArray(), methods.Select(s => s.Method).ToArray());
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "train s/epoch", FillColor = Palette.GetColor(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "monitoring s/epoch", FillColor = Palette.GetColor(1) });
        CompactLegend(plot);
        plot.Axes.Margins(bottom: 0);
        Title(plot, title);
        plot.YLabel("seconds per epoch (mean over epochs and seeds)");
        plot.SavePng(path, Width, Height);
        return true;
    }
}
