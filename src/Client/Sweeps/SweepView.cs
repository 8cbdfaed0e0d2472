using System.Globalization;
using Orchestrator.Contracts;
using Spectre.Console;

namespace Orchestrator.Client.Sweeps;

/// <summary>The live table of a sweep: one row per trial and an overall progress line.</summary>
internal static class SweepView
{
    public static Table Render(SweepStatus sweep)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.Title = new TableTitle($"sweep [bold]{Markup.Escape(sweep.SweepId)}[/] · {sweep.State} · {Progress(sweep)}");
        foreach (var column in new[] { "trial", "stopping", "fraction", "lr", "seed", "state", "epoch", "loss", "distance", "reason" })
        {
            table.AddColumn(column);
        }

        foreach (var t in sweep.Trials)
        {
            table.AddRow(
                Markup.Escape(t.Spec.Id),
                Markup.Escape(t.Spec.Stopping.Describe()),
                F(t.Spec.Fraction),
                F(t.Spec.LearningRate),
                t.Spec.Seed.ToString(CultureInfo.InvariantCulture),
                $"[{Colour(t.State)}]{t.State}[/]",
                t.EpochsRun.ToString(CultureInfo.InvariantCulture),
                t.LastLoss is { } loss ? loss.ToString("F4", CultureInfo.InvariantCulture) : "",
                t.LastDistance is { } d ? d.ToString("F4", CultureInfo.InvariantCulture) : "",
                Markup.Escape(t.Reason));
        }

        return table;
    }

    /// <summary>
    /// "9/12 trials finished, 3 cancelled, 0 running, 0 pending": a cancelled trial never counts as finished
    /// (it did not run to its stop), and failed or diverged ones are named when there are any.
    /// </summary>
    public static string Progress(SweepStatus sweep)
    {
        var finished = sweep.FinishedTrials - sweep.Count(TrialState.Cancelled);
        var ended = new[] { TrialState.Cancelled, TrialState.Failed, TrialState.Diverged }
            .Where(s => sweep.Count(s) > 0)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $", {sweep.Count(s)} {s.ToString().ToLowerInvariant()}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{finished}/{sweep.Trials.Length} trials finished{string.Concat(ended)}, {sweep.Count(TrialState.Running)} running, {sweep.Count(TrialState.Pending)} pending");
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Colour(TrialState state) => state switch
    {
        TrialState.Running => "blue",
        TrialState.Stopped or TrialState.Completed => "green",
        TrialState.Diverged or TrialState.Failed => "red",
        TrialState.Cancelled => "yellow",
        _ => "grey",
    };
}
