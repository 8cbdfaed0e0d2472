using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// The part of summary.md and report.md that only a search has, in this order: the best configuration by the
/// objective (with the refit beside it when best.json has one), the epochs saved against running every trial to
/// maxEpochs, and the search's figures (written to <c>figures/search-*.png</c> and embedded). Both files get the
/// same text, so the two never disagree.
/// </summary>
internal static class SearchSection
{
    /// <summary>Every search figure's file name starts with this (grid figures start with their configuration).</summary>
    public const string FigurePrefix = "search-";

    /// <summary>
    /// The section for the results in <paramref name="directory"/> (figures written under it), or null when the
    /// sweep is not a search.
    /// </summary>
    public static string? Markdown(string directory, List<string>? written = null)
    {
        var results = ResultsFolder.Load(directory);
        return SearchResults.Of(results) is { } search ? Markdown(search, directory, written ?? []) : null;
    }

    public static string Markdown(SearchResults search, string directory, List<string> written)
    {
        ArgumentNullException.ThrowIfNull(search);
        var md = new StringBuilder();
        WriteBest(md, search);
        WriteEpochsSaved(md, search);
        WriteFigures(md, search, directory, written);
        return md.ToString();
    }

    private static void WriteBest(StringBuilder md, SearchResults search)
    {
        md.AppendLine("## Search: best configuration");
        md.AppendLine();
        if (search.Best is not { Trial: { } trial } best)
        {
            md.AppendLine(search.Metric is null
                ? "The search declares no `objective`, so no configuration is chosen; the table below and the figures describe its trials."
                : $"No trial has ended normally with a {search.ObjectiveLabel} yet, so no configuration is chosen (best.json {(search.Best is null ? "is missing" : "names none")}).");
            md.AppendLine();
            return;
        }

        var number = search.Trials.FirstOrDefault(t => t.Trial.Id == trial)?.Number;
        var finished = search.Trials.Count(t => t.Finished && t.Objective is not null);
        md.AppendLine(CultureInfo.InvariantCulture, $"Chosen by the objective, {search.ObjectiveLabel} on the hold-out, among the {finished} trials that ended normally (stopped by their criterion or at max epochs; pruned ones are behind by definition), as `best.json` records it. The test split is never the objective: its accuracy below is reported, not used to choose.");
        md.AppendLine();
        md.AppendLine("| parameter | value |");
        md.AppendLine("|---|---|");
        // In the space's order, as trials.csv's sampled columns are.
        foreach (var (name, value) in best.Parameters.OrderBy(p => search.Parameters.Select(s => s.Name).ToList().IndexOf(p.Name) is var i and >= 0 ? i : int.MaxValue))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }

        md.AppendLine();
        md.AppendLine("| trial | search trial | objective | test accuracy |");
        md.AppendLine("|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| `{trial}` | {(number is { } n ? n.ToString(CultureInfo.InvariantCulture) : "–")} | {Objective(search, best.Objective)} | {Percent(best.TestAccuracy)} |");
        md.AppendLine();
        if (best.Refit is { } refit)
        {
            var difference = refit.TestAccuracy is { } r && best.TestAccuracy is { } b ? string.Create(CultureInfo.InvariantCulture, $" ({(r - b) * 100:+0.00;-0.00;0.00} points)") : string.Empty;
            md.AppendLine(CultureInfo.InvariantCulture, $"**Refit** (the best configuration trained again on all labelled data, the hold-out included, so its criterion reads no labels): test accuracy {Percent(refit.TestAccuracy)} against the best search trial's {Percent(best.TestAccuracy)}{difference}; stopped at epoch {(refit.StopEpoch is { } e ? e.ToString(CultureInfo.InvariantCulture) : "–")}{(search.RefitMethod is { } method ? $" by `{method}`" : string.Empty)}.");
        }
        else
        {
            md.AppendLine("No refit in `best.json` (a sweep file's `refit` block trains the best configuration again on all labelled data).");
        }

        md.AppendLine();
    }

    private static void WriteEpochsSaved(StringBuilder md, SearchResults search)
    {
        var saved = EpochsSaved.Of([.. search.Trials.Select(t => t.Trial)], search.MaxEpochs);
        md.AppendLine("## Search: epochs saved");
        md.AppendLine();
        var criteria = string.Join(", ", search.Trials.Select(t => $"`{t.Trial.Method}`").Distinct(StringComparer.Ordinal));
        int Count(params string[] states) => search.Trials.Count(t => states.Contains(t.Trial.State));
        md.AppendLine("| epochs | count | share of every trial to max epochs |");
        md.AppendLine("|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| trained ({Trials(saved.Trials)}, `epochs_run` in trials.csv) | {saved.Trained} | {Share(saved.Trained, saved.AtMaxEpochs)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| if every trial had run to max epochs ({saved.Trials} × {saved.MaxEpochs}) | {saved.AtMaxEpochs} | 100 % |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| saved by pruning ({Trials(Count("Pruned"))} pruned by the scheduler) | {saved.ByPruning} | {Share(saved.ByPruning, saved.AtMaxEpochs)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| saved by the criterion ({Trials(Count("Stopped"))} stopped by {criteria}; {Count("Completed")} ran to max epochs) | {saved.ByCriterion} | {Share(saved.ByCriterion, saved.AtMaxEpochs)} |");
        if (saved.Otherwise > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| not run by trials that diverged, failed, were cancelled or had not finished ({Trials(saved.Trials - Count("Pruned", "Stopped", "Completed"))}) | {saved.Otherwise} | {Share(saved.Otherwise, saved.AtMaxEpochs)} |");
        }

        md.AppendLine();
        if (search.RefitEpochs is { } refit)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"The refit trained {refit} more epochs after the search (not in the table: it is not one of the search's trials; `best.json`'s `epochsTotal` counts them).");
            md.AppendLine();
        }

        md.AppendLine("Each trial's saving is max epochs minus the epochs it trained, credited to what ended it: the scheduler for a pruned trial (its cancel can arrive a few epochs after the epoch it was judged at, and those epochs count as trained), the criterion for a stopped one. The rows add up to the \"every trial to max epochs\" row.");
        md.AppendLine();
    }

    private static void WriteFigures(StringBuilder md, SearchResults search, string directory, List<string> written)
    {
        var figures = Path.Combine(directory, ReportGenerator.FiguresFolder);
        Directory.CreateDirectory(figures);
        var lines = new List<string>();
        void Figure(string name, string caption, ScottPlot.Plot? plot)
        {
            var file = $"{FigurePrefix}{name}.png";
            if (SearchFigures.Save(plot, Path.Combine(figures, file)))
            {
                written.Add(Path.Combine(figures, file));
                lines.Add($"![{caption}]({ReportGenerator.FiguresFolder}/{file})");
                lines.Add(string.Empty);
            }
        }

        Figure("history", "optimisation history: each trial's objective by trial number and the best so far", SearchFigures.History(search));
        Figure("parallel-coordinates", "parallel coordinates: one axis per sampled parameter and the objective", SearchFigures.ParallelCoordinates(search));
        foreach (var parameter in search.Parameters)
        {
            Figure($"objective-vs-{ConfigurationParameters.Slug(parameter.Name)}", $"objective against {parameter.Name}", SearchFigures.ObjectiveVs(search, parameter));
        }

        Figure("pareto", "Pareto front of objective against epochs trained", SearchFigures.Pareto(search));
        md.AppendLine("## Search: figures");
        md.AppendLine();
        if (lines.Count == 0)
        {
            md.AppendLine("No trial has an objective yet, so there is nothing to draw.");
            md.AppendLine();
            return;
        }

        md.AppendLine("Pruned trials are drawn hollow at the objective of their stop epoch, where the scheduler judged them; trials that diverged or failed have no objective and are left out.");
        md.AppendLine();
        foreach (var line in lines)
        {
            md.AppendLine(line);
        }
    }

    private static string Objective(SearchResults search, double? value) => value is not { } v
        ? "–"
        : search.Metric == "validation_accuracy" ? Percent(v) : v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Trials(int count) => count == 1 ? "1 trial" : $"{count} trials";

    private static string Share(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
