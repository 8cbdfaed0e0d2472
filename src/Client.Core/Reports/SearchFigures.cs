using System.Globalization;
using ScottPlot;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// A search's figures (ScottPlot, as <see cref="ReportFigures"/>): the optimisation history, parallel coordinates,
/// the objective against each sampled parameter and the Pareto front of objective against epochs. Each figure is
/// built by a method returning its <see cref="Plot"/> (null when there is nothing to draw), so tests can count its
/// series, and saved by <see cref="Save"/>. Pruned trials are drawn hollow: their objective is the one at their
/// stop epoch, the epoch the scheduler judged them at (an ASHA rung, or a median step).
/// </summary>
internal static class SearchFigures
{
    private static readonly Color Finished = ReportFigures.Palette.GetColor(0);
    private static readonly Color Pruned = ReportFigures.Palette.GetColor(3);
    private static readonly Color Best = ReportFigures.Palette.GetColor(2);

    /// <summary>Each trial's objective by trial number (finished filled, pruned hollow) and the best so far among the finished.</summary>
    public static Plot? History(SearchResults search)
    {
        var plot = new Plot();
        var finished = search.Trials.Where(t => t.Finished && t.Objective is not null).ToList();
        var pruned = search.Trials.Where(t => t.Trial.State == "Pruned" && t.Objective is not null).ToList();
        if (finished.Count + pruned.Count == 0)
        {
            return null;
        }

        var best = search.BestSoFar();
        if (best.Count > 0)
        {
            // Carried on to the last trial, so the line ends where the search ended, not at its last improvement.
            var xs = best.Select(b => (double)b.Trial.Number).Append(search.Trials.Max(t => t.Number)).ToArray();
            var ys = best.Select(b => search.Shown(b.BestSoFar)).Append(search.Shown(best[^1].BestSoFar)).ToArray();
            var line = plot.Add.Scatter(xs, ys, Best);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = "best so far";
        }

        // Drawn after the line, so a trial at the best value stays visible on top of it.
        Points(plot, finished, t => t.Number, search, Finished, MarkerShape.FilledCircle, $"finished ({finished.Count})");
        Points(plot, pruned, t => t.Number, search, Pruned, MarkerShape.OpenCircle, $"pruned ({pruned.Count}; at its stop epoch)");

        plot.XLabel("trial number (order proposed)");
        plot.YLabel(search.ShownLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        ReportFigures.Title(plot, $"Optimisation history: {search.ObjectiveLabel} per trial");
        OutsideLegend(plot);
        return plot;
    }

    /// <summary>
    /// One vertical axis per sampled parameter and one for the objective, each scaled to its own range (log for
    /// log-scaled parameters, one position per option for a choice); one line per trial with an objective, coloured
    /// from worst (light) to best (dark). An inactive parameter sits on the "absent" mark below its axis.
    /// </summary>
    public static Plot? ParallelCoordinates(SearchResults search)
    {
        var trials = search.Trials.Where(t => t.OnTheRecord).ToList();
        if (trials.Count == 0 || search.Parameters.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var axes = search.Parameters.Select(p => Axis.Of(p, trials.Select(t => t.Trial.Sampled.GetValueOrDefault(p.Column)))).ToList();
        var objectives = trials.Select(t => search.Shown(t.Objective!.Value)).ToList();
        var (low, high) = (objectives.Min(), objectives.Max());
        var colormap = new ScottPlot.Colormaps.Viridis();
        foreach (var (trial, value) in trials.Zip(objectives))
        {
            var ys = axes.Select(a => a.Position(trial.Trial.Sampled.GetValueOrDefault(a.Parameter.Column))).Append(Scale(value, low, high)).ToArray();
            var goodness = search.Maximize ? Scale(value, low, high) : 1 - Scale(value, low, high);

            // Viridis runs dark → light; the best trials are drawn dark so they stand out on white.
            var line = plot.Add.Scatter(Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray(), ys, colormap.GetColor(0.85 * (1 - goodness)));
            line.MarkerSize = trial.Trial.State == "Pruned" ? 5 : 7;
            line.MarkerShape = trial.Trial.State == "Pruned" ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
            line.LineWidth = 1.5f;
            line.LinePattern = trial.Trial.State == "Pruned" ? LinePattern.Dashed : LinePattern.Solid;
        }

        var labels = new List<string>();
        for (var i = 0; i < axes.Count; i++)
        {
            AxisLine(plot, i, axes[i].Low, axes[i].High);
            labels.Add(axes[i].Parameter.Name + (axes[i].Parameter.Scale == SampledScale.Log ? " (log)" : string.Empty));
        }

        AxisLine(plot, axes.Count, Format(low), Format(high));
        labels.Add(search.ShownLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), [.. labels]);
        var anyAbsent = trials.Any(t => search.Parameters.Any(p => !t.Trial.Sampled.ContainsKey(p.Column)));
        plot.Axes.Left.TickGenerator = anyAbsent
            ? new ScottPlot.TickGenerators.NumericManual([Axis.Absent, 0, 1], ["absent", "low", "high"])
            : new ScottPlot.TickGenerators.NumericManual([0, 1], ["low", "high"]);
        plot.Axes.SetLimits(-0.5, labels.Count - 0.5, (anyAbsent ? Axis.Absent : 0) - 0.08, 1.12);
        ReportFigures.Title(plot, $"Parallel coordinates: {trials.Count} trials (dark: best {search.ObjectiveLabel}; dashed: pruned)");
        return plot;
    }

    /// <summary>The objective against one sampled parameter (log axis for a log-scaled one), for the trials where it was active.</summary>
    public static Plot? ObjectiveVs(SearchResults search, SampledParameter parameter)
    {
        var active = search.Trials.Where(t => t.OnTheRecord && t.Trial.Sampled.ContainsKey(parameter.Column)).ToList();
        if (active.Count == 0)
        {
            return null;
        }

        var axis = Axis.Of(parameter, active.Select(t => t.Trial.Sampled[parameter.Column]));
        var plot = new Plot();
        // A choice puts many trials on one x: a fixed, symmetric spread per option keeps each visible (as the strip plots do).
        var spread = parameter.Scale != SampledScale.Categorical
            ? new Dictionary<SearchTrial, double>()
            : active.GroupBy(t => axis.Raw(t.Trial.Sampled[parameter.Column]))
                .SelectMany(g => g.Select((t, i) => (t, Offset: (i - ((g.Count() - 1) / 2.0)) * Math.Min(0.06, 0.6 / g.Count()))))
                .ToDictionary(p => p.t, p => p.Offset);
        double X(SearchTrial t) => axis.Raw(t.Trial.Sampled[parameter.Column]) + spread.GetValueOrDefault(t);
        Points(plot, [.. active.Where(t => t.Finished)], X, search, Finished, MarkerShape.FilledCircle, "finished");
        Points(plot, [.. active.Where(t => !t.Finished)], X, search, Pruned, MarkerShape.OpenCircle, "pruned (at its stop epoch)");
        axis.Ticks(plot);
        plot.XLabel(parameter.Name + (parameter.Scale == SampledScale.Log ? " (log scale)" : string.Empty));
        plot.YLabel(search.ShownLabel);
        var inactive = search.Trials.Count(t => t.OnTheRecord) - active.Count;
        ReportFigures.Title(plot, $"{search.ObjectiveLabel} vs {parameter.Name}" + (inactive > 0 ? $" ({active.Count} trials; inactive in {inactive})" : string.Empty));
        OutsideLegend(plot);
        return plot;
    }

    /// <summary>Every trial's objective against the epochs it trained, the Pareto front joined as a step line.</summary>
    public static Plot? Pareto(SearchResults search)
    {
        var points = search.Trials.Where(t => t.OnTheRecord).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var front = search.Front();
        var behind = points.Except(front).ToList();
        Points(plot, behind, t => t.Trial.EpochsRun, search, Colors.Gray, MarkerShape.FilledCircle, $"behind the front ({behind.Count})");
        var line = plot.Add.Scatter(front.Select(t => (double)t.Trial.EpochsRun).ToArray(), front.Select(t => search.Shown(t.Objective!.Value)).ToArray(), Best);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 10;
        line.MarkerShape = MarkerShape.FilledDiamond;
        line.LineWidth = 2;
        line.LegendText = $"Pareto front ({front.Count})";
        plot.XLabel("epochs trained by the trial");
        plot.YLabel(search.ShownLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsX(0, Math.Max(limits.Right, search.MaxEpochs + 0.5));
        ReportFigures.Title(plot, $"Pareto front: {search.ObjectiveLabel} vs epochs trained");
        OutsideLegend(plot);
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> as a PNG the report's size; false when there was nothing to draw.</summary>
    public static bool Save(Plot? plot, string path)
    {
        if (plot is null)
        {
            return false;
        }

        plot.SavePng(path, ReportFigures.Width, ReportFigures.Height);
        return true;
    }

    private static void Points(Plot plot, IReadOnlyList<SearchTrial> trials, Func<SearchTrial, double> x, SearchResults search, Color color, MarkerShape shape, string legend)
    {
        if (trials.Count == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(trials.Select(x).ToArray(), trials.Select(t => search.Shown(t.Objective!.Value)).ToArray(), shape, 9, color);
        markers.LegendText = legend;
    }

    /// <summary>The legend to the right of the data, so it never hides a trial (points can be anywhere).</summary>
    private static void OutsideLegend(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 10;
        plot.Legend.SymbolWidth = 14;
    }

    private static void AxisLine(Plot plot, double x, string low, string high)
    {
        var line = plot.Add.Line(x, 0, x, 1);
        line.Color = Colors.Black;
        line.LineWidth = 1;
        var bottom = plot.Add.Text(low, x, 0);
        bottom.LabelFontSize = 10;
        bottom.LabelAlignment = Alignment.UpperCenter;
        var top = plot.Add.Text(high, x, 1);
        top.LabelFontSize = 10;
        top.LabelAlignment = Alignment.LowerCenter;
    }

    private static double Scale(double value, double low, double high) => high > low ? (value - low) / (high - low) : 0.5;

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>One parameter's axis: its values' range (or options) and where a value sits on it.</summary>
    private sealed record Axis(SampledParameter Parameter, double RawLow, double RawHigh, IReadOnlyList<string> Options)
    {
        /// <summary>Where an inactive parameter's line crosses the axis: below the range.</summary>
        public const double Absent = -0.15;

        public string Low => Parameter.Scale == SampledScale.Categorical ? Options.FirstOrDefault() ?? string.Empty : Format(Unraw(RawLow));

        public string High => Parameter.Scale == SampledScale.Categorical ? Options.LastOrDefault() ?? string.Empty : Format(Unraw(RawHigh));

        public static Axis Of(SampledParameter parameter, IEnumerable<string?> values)
        {
            var present = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (parameter.Scale == SampledScale.Categorical)
            {
                // The space's options in its order, then any value the space did not list (an older space).
                var options = parameter.Options.Concat(present.Where(v => !parameter.Options.Any(o => Same(o, v)))).Distinct(StringComparer.Ordinal).ToList();
                return new Axis(parameter, 0, Math.Max(1, options.Count - 1), options);
            }

            // The space's range, so a figure shows how much of it the search covered; widened to any value outside it.
            var raws = present.Select(v => Raw(parameter, v)).ToList();
            if (parameter.Bounds is { } bounds && (parameter.Scale != SampledScale.Log || bounds.Low > 0))
            {
                raws.Add(Raw(parameter, bounds.Low));
                raws.Add(Raw(parameter, bounds.High));
            }

            return raws.Count == 0 ? new Axis(parameter, 0, 1, []) : new Axis(parameter, raws.Min(), raws.Max(), []);
        }

        /// <summary>The value on the figure's x or parallel axis before scaling: log10 for a log parameter, the option's index for a choice.</summary>
        public double Raw(string value) => Parameter.Scale == SampledScale.Categorical
            ? Options.Select((o, i) => (o, i)).First(p => Same(p.o, value)).i
            : Raw(Parameter, value);

        /// <summary>Position in [0, 1] on a parallel axis; <see cref="Absent"/> for an inactive parameter.</summary>
        public double Position(string? value) => string.IsNullOrEmpty(value) ? Absent : Scale(Raw(value), RawLow, RawHigh);

        /// <summary>Ticks for the x axis of an objective-against-parameter figure.</summary>
        public void Ticks(Plot plot)
        {
            if (Parameter.Scale == SampledScale.Categorical)
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, Options.Count).Select(i => (double)i).ToArray(), [.. Options]);
                plot.Axes.SetLimitsX(-0.5, Options.Count - 0.5);
            }
            else if (Parameter.Scale == SampledScale.Linear)
            {
                var margin = (RawHigh - RawLow) * 0.05;
                plot.Axes.AutoScale();
                plot.Axes.SetLimitsX(RawLow - margin, RawHigh + margin);
            }
            else
            {
                // Values are drawn at log10(x); ticks at 1, 2 and 5 of each decade, labelled with the value itself.
                var ticks = Enumerable.Range((int)Math.Floor(RawLow) - 1, (int)Math.Ceiling(RawHigh) - (int)Math.Floor(RawLow) + 2)
                    .SelectMany(d => new[] { 1.0, 2, 5 }.Select(m => m * Math.Pow(10, d)))
                    .Where(v => Math.Log10(v) >= RawLow - 0.1 && Math.Log10(v) <= RawHigh + 0.1)
                    .ToList();
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks.Select(Math.Log10)], [.. ticks.Select(Format)]);
                plot.Axes.AutoScale();
                plot.Axes.SetLimitsX(RawLow - 0.1, RawHigh + 0.1);
            }
        }

        private double Unraw(double raw) => Parameter.Scale == SampledScale.Log ? Math.Pow(10, raw) : raw;

        private static double Raw(SampledParameter parameter, string value) => Raw(parameter, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));

        private static double Raw(SampledParameter parameter, double number) => parameter.Scale == SampledScale.Log ? Math.Log10(number) : number;

        /// <summary>A choice's option and a sampled value name the same thing ("32" and "32.0"; "sgd" and "sgd").</summary>
        private static bool Same(string option, string value) =>
            option == value || (double.TryParse(option, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b);
    }
}
