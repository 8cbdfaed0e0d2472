using Orchestrator.Client.Core.Reports;

namespace Orchestrator.Client.Core.Tests;

public sealed class DistanceFigureTests
{
    private static TrialResult Trial(int seed, int stop) =>
        new($"t{seed}", "synthetic", 1, "mlp-small", string.Empty, "top", seed, "Stopped", stop, 0.8, stop, null, null);

    /// <summary>A spike at epoch 2 (100) and a plateau near 1 after the warm-up, as real TOP runs show.</summary>
    private static List<EpochResult> Epochs(string trial, int stop) =>
        [.. Enumerable.Range(1, stop).Select(e => new EpochResult(trial, e, 1.0 / e, e == 1 ? null : e == 2 ? 100 : 1 + (1.0 / e), e < 6 ? null : 1 + (0.5 / e), null, null, new Dictionary<string, double>(), "continue"))];

    [Fact]
    public void The_distance_axis_starts_at_zero_and_is_scaled_to_the_epochs_the_criterion_judges()
    {
        var trials = new[] { (Trial(0, 15), (IReadOnlyList<EpochResult>)Epochs("t0", 15)), (Trial(1, 15), (IReadOnlyList<EpochResult>)Epochs("t1", 15)) };
        var plot = ReportFigures.DistancePlot(e => e.Distance, trials, (WarmUp: 5, Window: 5))!;
        var limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);
        Assert.Equal(0, limits.Left);

        // The plateau (≤ 1 + 1/6 after warm-up) fills the axis instead of being squashed under the epoch-2 spike of 100.
        Assert.InRange(limits.Top, 1 + (1.0 / 7), 2);
    }

    [Fact]
    public void Seeds_stopping_at_the_same_epoch_get_markers_of_different_shapes_apart()
    {
        var trials = new[] { (Trial(0, 15), (IReadOnlyList<EpochResult>)Epochs("t0", 15)), (Trial(1, 15), (IReadOnlyList<EpochResult>)Epochs("t1", 15)) };
        var markers = ReportFigures.DistancePlot(e => e.Distance, trials, (WarmUp: 5, Window: 5))!.GetPlottables().OfType<ScottPlot.Plottables.Marker>().ToList();
        Assert.Equal(2, markers.Count);
        Assert.NotEqual(markers[0].Location.X, markers[1].Location.X);
        Assert.NotEqual(markers[0].MarkerShape, markers[1].MarkerShape);
        Assert.All(markers, m => Assert.InRange(m.Location.X, 14.5, 15.5));
    }

    [Fact]
    public void The_criterion_window_comes_from_the_methods_parameters_or_the_catalog_defaults()
    {
        Assert.Equal((5, 5), ReportFigures.CriterionWindow("top"));
        Assert.Equal((2, 3), ReportFigures.CriterionWindow("top(warmUp=2,window=3)"));
        Assert.Equal((0, 1), ReportFigures.CriterionWindow("unknown-method"));
    }
}
