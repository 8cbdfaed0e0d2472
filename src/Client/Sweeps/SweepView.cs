using System.Globalization;
using Orchestrator.Client.Output;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Sweeps;

/// <summary>A sweep as the CLI shows it: a trial table sized to the terminal, the sweep list, and the progress line.</summary>
internal static class SweepView
{
    /// <summary>The heading line and the trial table, no wider than <paramref name="width"/>.</summary>
    public static string Render(SweepStatus sweep, int width) =>
        string.Join('\n', RecordTableText.Wrap($"sweep {sweep.SweepId} · {sweep.State} · {Progress(sweep)}", width)) + "\n" + RecordTableText.Render(Trials(sweep), width);

    /// <summary>One row per trial; ids and states always shown, the reason first to go on a narrow terminal.</summary>
    public static RecordTable Trials(SweepStatus sweep)
    {
        RecordColumn[] columns =
        [
            new("trial", 0), new("stopping", 1), new("fraction", 3, Numeric: true), new("lr", 2, Numeric: true), new("seed", 2, Numeric: true),
            new("state", 0), new("epoch", 1, Numeric: true), new("loss", 4, Numeric: true), new("distance", 4, Numeric: true),
            new("test_accuracy", 3, Numeric: true), new("reason", 5),
        ];
        var rows = sweep.Trials.Select(t => (IReadOnlyList<string>)
        [
            t.Spec.Id,

            // The refit of a search's best configuration is told apart where the method is named.
            t.Spec.IsRefit ? "refit " + t.Spec.Stopping.Describe() : t.Spec.Stopping.Describe(),
            F(t.Spec.Fraction),
            F(t.Spec.LearningRate),
            t.Spec.Seed.ToString(CultureInfo.InvariantCulture),
            t.State.ToString(),
            t.EpochsRun.ToString(CultureInfo.InvariantCulture),
            t.LastLoss is { } loss ? loss.ToString("F4", CultureInfo.InvariantCulture) : string.Empty,
            t.LastDistance is { } d ? d.ToString("F4", CultureInfo.InvariantCulture) : string.Empty,
            t.TestAccuracy is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : string.Empty,
            t.Reason,
        ]).ToList();
        return new RecordTable(columns, rows);
    }

    /// <summary>One row per sweep with truthful counts: cancelled trials are never counted as finished.</summary>
    public static RecordTable List(IEnumerable<SweepStatus> sweeps)
    {
        RecordColumn[] columns =
        [
            new("sweep", 0), new("state", 0), new("trials", 1, Numeric: true), new("finished", 0, Numeric: true), new("cancelled", 1, Numeric: true),
            new("failed", 2, Numeric: true), new("diverged", 3, Numeric: true), new("running", 1, Numeric: true), new("pending", 1, Numeric: true),
        ];
        var rows = sweeps.Select(s => (IReadOnlyList<string>)
        [
            s.SweepId, s.State.ToString(), I(s.Trials.Length), I(Finished(s)), I(s.Count(TrialState.Cancelled)),
            I(s.Count(TrialState.Failed)), I(s.Count(TrialState.Diverged)), I(s.Count(TrialState.Running)), I(s.Count(TrialState.Pending)),
        ]).ToList();
        return new RecordTable(columns, rows);
    }

    /// <summary>
    /// "9/12 trials finished, 3 cancelled, 0 running, 0 pending": a cancelled trial never counts as finished
    /// (it did not run to its stop), and pruned, failed or diverged ones are named when there are any.
    /// </summary>
    public static string Progress(SweepStatus sweep)
    {
        var ended = new[] { TrialState.Pruned, TrialState.Cancelled, TrialState.Failed, TrialState.Diverged }
            .Where(s => sweep.Count(s) > 0)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $", {sweep.Count(s)} {s.ToString().ToLowerInvariant()}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Finished(sweep)}/{sweep.Trials.Length} trials finished{string.Concat(ended)}, {sweep.Count(TrialState.Running)} running, {sweep.Count(TrialState.Pending)} pending");
    }

    /// <summary>Trials that ended on their own: final and not cancelled (failed and diverged ones are also named apart).</summary>
    private static int Finished(SweepStatus sweep) => sweep.FinishedTrials - sweep.Count(TrialState.Cancelled);

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
