using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// The report's opening table: every configuration × stopping method ranked, so the researcher's first
/// question (which setting won) is answered before any detail.
/// </summary>
internal static class ReportBestConfiguration
{
    /// <summary>How many ranked rows the table shows; the sections below have every one.</summary>
    public const int Rows = 8;

    public static void Write(StringBuilder md, IReadOnlyList<ReportGroup> groups, ResultsFolder results)
    {
        var ranked = groups
            .SelectMany(g => g.Headline.Select(m => (Group: g, Method: m)))
            .Where(r => r.Method.TestAccuracy is not null)
            .OrderByDescending(r => r.Method.TestAccuracy!.Value.Mean)
            .ToList();
        md.AppendLine("## Best configuration");
        md.AppendLine();
        if (ranked.Count == 0)
        {
            md.AppendLine("No trial finished, so nothing can be ranked.");
            md.AppendLine();
            return;
        }

        var varying = results.Varying.Count > 0;
        md.AppendLine("Ranked by mean test accuracy at the stop (sweep files declare no objective), over each row's finished trials; n is the number of seeds.");
        md.AppendLine();
        md.AppendLine(varying
            ? "| rank | configuration | method | n | test accuracy at the stop | stop epoch |"
            : "| rank | method | n | test accuracy at the stop | stop epoch |");
        md.AppendLine(varying ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|");
        for (var i = 0; i < Math.Min(Rows, ranked.Count); i++)
        {
            var (group, method) = ranked[i];
            var configuration = varying ? $"{group.Configuration} | " : string.Empty;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {configuration}{method.Method} | {method.Finished.Count} | {ReportDiscussion.Percent(method.TestAccuracy!.Value)} | {method.StopEpoch?.Format("F1") ?? "–"} |");
        }

        md.AppendLine();
        var (bestGroup, best) = ranked[0];
        md.AppendLine(CultureInfo.InvariantCulture,
            $"**Best: {(varying ? bestGroup.Configuration + " with " : string.Empty)}{best.Method}** ({ReportDiscussion.Percent(best.TestAccuracy!.Value)} at a mean stop epoch of {best.StopEpoch?.Format("F1") ?? "–"}; n = {best.Finished.Count}).");
        md.AppendLine();
    }
}
