using System.Globalization;
using System.Text;
using Orchestrator.Client.Core.Reports;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// <c>summary.md</c>: which configuration won, whether TOP saved epochs without losing accuracy, and every
/// configuration × stopping method. Configurations are the parameters that vary in the sweep
/// (<see cref="ConfigurationParameters"/>). Every mean is over the same, named set of trials: the finished
/// ones (stopped or completed, with a test accuracy); the state table counts the rest.
/// </summary>
public static class SweepSummary
{
    /// <summary>The set every mean covers, as the summary names it.</summary>
    public const string FinishedSet = "finished trials (stopped or completed, with a test accuracy)";

    public static string Markdown(SweepStatus sweep, bool partial)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Sweep `{sweep.SweepId}`");
        md.AppendLine();
        var parameters = sweep.Trials.ToDictionary(t => t.Spec.Id, t => SweepResultsWriter.ParametersOf(t.Spec), StringComparer.Ordinal);
        var varying = ConfigurationParameters.Varying(parameters.Values);
        if (sweep.Definition is { } d)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Dataset `{ConfigurationParameters.Display("dataset", d.Dataset)}`, model `{ConfigurationParameters.Display("model", d.Model)}`, fractions {string.Join(", ", d.Fractions.Select(N))}, max {d.MaxEpochs} epochs, {sweep.Trials.Length} trials.");
        }

        md.AppendLine(varying.Count == 0
            ? "Nothing varies between trials but the stopping method and the seed."
            : $"Varying: {string.Join("; ", varying.Select(v => $"{v} ({string.Join(", ", parameters.Values.Select(p => p[v]).Distinct(StringComparer.Ordinal))})"))}.");
        md.AppendLine();
        if (partial)
        {
            var reason = SweepOutcome.PartialReasonOf(sweep) ?? "cancelled";
            md.AppendLine(CultureInfo.InvariantCulture, $"**Partial results:** the sweep {(reason == "running" ? "is still running" : "was cancelled")}; {Count(sweep, Finished)} of {sweep.Trials.Length} trials finished, and every mean below covers those only.");
            md.AppendLine();
        }

        md.AppendLine("| state | trials |");
        md.AppendLine("|---|---|");
        foreach (var group in sweep.Trials.GroupBy(t => t.State).OrderBy(g => g.Key))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |");
        }

        md.AppendLine();
        var rows = sweep.Trials
            .GroupBy(t => (Configuration: ConfigurationParameters.Describe(parameters[t.Spec.Id], varying), Method: t.Spec.Stopping.Describe()))
            .Select(g => new Row(g.Key.Configuration, g.Key.Method, g.Select(t => parameters[t.Spec.Id]).First(), [.. g.OrderBy(t => t.Spec.Seed)]))
            .OrderBy(r => r.Configuration, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        WriteBest(md, rows, varying);
        if (SearchBestJson.RefitLine(sweep) is { } refit)
        {
            md.AppendLine(refit);
            md.AppendLine();
        }

        WriteTopAgainstOthers(md, rows);
        md.AppendLine("## Every configuration");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| {Header(varying)}stopping | finished / trials | mean stop epoch | mean test accuracy | mean seconds |");
        md.AppendLine(CultureInfo.InvariantCulture, $"|{string.Concat(Enumerable.Repeat("---|", varying.Count + 5))}");
        foreach (var row in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cells(row, varying)}{row.Method} | {row.Done.Count} / {row.Trials.Count} | {Mean(row.Done, t => t.StopEpoch!.Value, "0.##")} | {Percent(row.Done)} | {Mean(row.Done, t => t.Seconds, "0.#")} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Every mean is over the {FinishedSet} counted in \"finished / trials\"; cancelled, failed, diverged, pending and running trials are in the state table and in no mean.");
        return md.ToString();
    }

    /// <summary>The trials every mean covers.</summary>
    public static bool Finished(TrialStatus trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.State is TrialState.Stopped or TrialState.Completed && trial.StopEpoch is not null && trial.TestAccuracy is not null;
    }

    private static void WriteBest(StringBuilder md, List<Row> rows, IReadOnlyList<string> varying)
    {
        md.AppendLine("## Best configuration");
        md.AppendLine();
        var ranked = rows.Where(r => r.Done.Count > 0).OrderByDescending(r => r.Done.Average(t => t.TestAccuracy!.Value)).ToList();
        if (ranked.Count == 0)
        {
            md.AppendLine("No trial has finished yet.");
            md.AppendLine();
            return;
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Ranked by mean test accuracy at the stop (sweep files declare no objective), over {FinishedSet}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| rank | {Header(varying)}stopping | finished | mean test accuracy | mean stop epoch |");
        md.AppendLine(CultureInfo.InvariantCulture, $"|{string.Concat(Enumerable.Repeat("---|", varying.Count + 5))}");
        for (var i = 0; i < Math.Min(ranked.Count, 5); i++)
        {
            var r = ranked[i];
            md.AppendLine(CultureInfo.InvariantCulture, $"| {i + 1} | {Cells(r, varying)}{r.Method} | {r.Done.Count} | {Percent(r.Done)} | {Mean(r.Done, t => t.StopEpoch!.Value, "0.##")} |");
        }

        md.AppendLine();
        var best = ranked[0];
        md.AppendLine(CultureInfo.InvariantCulture, $"**Best: {(varying.Count == 0 ? string.Empty : best.Configuration + " with ")}{best.Method}**, {Percent(best.Done)} mean test accuracy at a mean stop epoch of {Mean(best.Done, t => t.StopEpoch!.Value, "0.##")} ({best.Done.Count} {(best.Done.Count == 1 ? "seed" : "seeds")}).");
        md.AppendLine();
    }

    private static void WriteTopAgainstOthers(StringBuilder md, List<Row> rows)
    {
        var lines = new List<string>();
        foreach (var configuration in rows.GroupBy(r => r.Configuration, StringComparer.Ordinal))
        {
            if (configuration.FirstOrDefault(r => r.Method == "top") is not { Done.Count: > 0 } top)
            {
                continue;
            }

            foreach (var other in configuration.Where(r => r.Method != "top" && r.Method.Split('(')[0] != "top" && r.Done.Count > 0))
            {
                var epochs = Mean(top.Done, t => t.StopEpoch!.Value) - Mean(other.Done, t => t.StopEpoch!.Value);
                var points = (Mean(top.Done, t => t.TestAccuracy!.Value) - Mean(other.Done, t => t.TestAccuracy!.Value)) * 100;
                var verdict = (epochs < 0, points >= 0) switch
                {
                    (true, true) => "saved epochs without losing accuracy",
                    (true, false) => "saved epochs but lost accuracy",
                    (false, true) => "saved no epochs (it trained longer) but was at least as accurate",
                    _ => "saved no epochs and lost accuracy",
                };
                var where = configuration.Key == "all trials" ? string.Empty : configuration.Key + ": ";
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"- {where}TOP vs {other.Method}: stop epoch {Mean(top.Done, t => t.StopEpoch!.Value, "0.##")} vs {Mean(other.Done, t => t.StopEpoch!.Value, "0.##")} ({Math.Abs(epochs):0.##} epochs {(epochs < 0 ? "fewer" : "more")}), test accuracy {Percent(top.Done)} vs {Percent(other.Done)} ({points:+0.##;-0.##;0} points): **TOP {verdict}** ({top.Done.Count} vs {other.Done.Count} seeds; `orchestrator report` adds the paired test)."));
            }
        }

        if (lines.Count == 0)
        {
            return;
        }

        md.AppendLine("## Did TOP save epochs without losing accuracy?");
        md.AppendLine();
        foreach (var line in lines)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
    }

    private static string Header(IReadOnlyList<string> varying) => string.Concat(varying.Select(v => v + " | "));

    private static string Cells(Row row, IReadOnlyList<string> varying) => string.Concat(varying.Select(v => row.Parameters[v] + " | "));

    private static int Count(SweepStatus sweep, Func<TrialStatus, bool> predicate) => sweep.Trials.Count(predicate);

    private static double Mean(IReadOnlyList<TrialStatus> trials, Func<TrialStatus, double> value) => trials.Average(value);

    private static string Mean(IReadOnlyList<TrialStatus> trials, Func<TrialStatus, double> value, string format) =>
        trials.Count == 0 ? "–" : trials.Average(value).ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(IReadOnlyList<TrialStatus> trials) =>
        trials.Count == 0 ? "–" : (trials.Average(t => t.TestAccuracy!.Value) * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One configuration × stopping method and its trials.</summary>
    private sealed record Row(string Configuration, string Method, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<TrialStatus> Trials)
    {
        public IReadOnlyList<TrialStatus> Done { get; } = [.. Trials.Where(Finished)];
    }
}
