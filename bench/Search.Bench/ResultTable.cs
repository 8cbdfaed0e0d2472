using System.Globalization;
using Spectre.Console;

namespace Orchestrator.Search.Bench;

/// <summary>
/// The tables: every study by seed, the means over the seeds, and the issue's targets computed from them — ours'
/// chosen test accuracy at least the reference's (Optuna + median) minus 0.3 points with at most 0.6× its epochs,
/// and the refit's test accuracy above the search's chosen trial's on average.
/// </summary>
internal static class ResultTable
{
    public const double AccuracySlackPoints = 0.3;
    public const double EpochRatio = 0.6;

    /// <summary>What a configuration's name gains when the refit rides on it.</summary>
    public const string RefitSuffix = " + refit";

    public static void Write(IReadOnlyList<StudyResult> results)
    {
        var bySeed = new Table().Title($"each search (epochs: every epoch the search trained; refit epochs apart; wall: the whole process; Δ and × against {StudyConfiguration.Reference.Name} of the same seed)")
            .AddColumns("configuration", "seed", "epochs", "wall s", "best val acc", "test acc (chosen)", "Δ test (points)", "epochs ×", "refit test acc (epochs)", "trials", "chosen");
        foreach (var r in results.OrderBy(r => r.Seed).ThenBy(r => Order(r.Configuration)))
        {
            var same = results.FirstOrDefault(x => x.Seed == r.Seed && x.Configuration == StudyConfiguration.Reference.Name);
            var compared = same is not null && r != same && r.TestAccuracy is not null && same.TestAccuracy is not null;
            bySeed.AddRow(
                Markup.Escape(r.Configuration), I(r.Seed), I(r.SearchEpochs), F(r.WallSeconds, "0"), P(r.BestValidation), P(r.TestAccuracy),
                compared ? F((r.TestAccuracy!.Value - same!.TestAccuracy!.Value) * 100, "+0.00;-0.00") : "–",
                compared ? F((double)r.SearchEpochs / same!.SearchEpochs, "0.00") : "–",
                r.RefitTestAccuracy is null ? "–" : $"{P(r.RefitTestAccuracy)} ({I(r.RefitEpochs)})", Markup.Escape(r.Trials), Markup.Escape(r.Chosen));
        }

        AnsiConsole.Write(bySeed);
        var reference = Mean(results.Where(r => r.Configuration == StudyConfiguration.Reference.Name).ToList());
        var means = new Table().Title($"mean over the seeds run; targets against {StudyConfiguration.Reference.Name} (test ≥ its − {F(AccuracySlackPoints, "0.0")} points, epochs ≤ {F(EpochRatio, "0.0")}×)")
            .AddColumns("configuration", "seeds", "epochs", "wall s", "best val acc", "test acc", "Δ test (points)", "epochs ×", "target");
        foreach (var group in results.GroupBy(r => r.Configuration).OrderBy(g => Order(g.Key)))
        {
            var m = Mean([.. group])!;
            var target = "–";
            var (delta, ratio) = ("–", "–");
            if (reference is not null && !group.Key.StartsWith("optuna", StringComparison.Ordinal) && m.Test is { } test && reference.Test is { } refTest)
            {
                var points = (test - refTest) * 100;
                var times = m.Epochs / reference.Epochs;
                (delta, ratio) = (F(points, "+0.00;-0.00"), F(times, "0.00"));
                var misses = new List<string>();
                if (points < -AccuracySlackPoints)
                {
                    misses.Add($"accuracy by {F(-AccuracySlackPoints - points, "0.00")} points");
                }

                if (times > EpochRatio)
                {
                    misses.Add($"epochs by {F(times - EpochRatio, "0.00")}× ({F(m.Epochs - (EpochRatio * reference.Epochs), "0")} epochs)");
                }

                target = misses.Count == 0 ? "met" : "missed by " + string.Join(" and ", misses);
            }

            means.AddRow(Markup.Escape(group.Key), string.Join(",", m.Seeds), F(m.Epochs, "0"), F(m.Wall, "0"), P(m.Validation), P(m.Test), delta, ratio, Markup.Escape(target));
        }

        AnsiConsole.Write(means);
        foreach (var group in results.Where(r => r.RefitTestAccuracy is not null && r.TestAccuracy is not null).GroupBy(r => r.Configuration))
        {
            var refit = group.Average(r => r.RefitTestAccuracy!.Value);
            var chosen = group.Average(r => r.TestAccuracy!.Value);
            var verdict = refit > chosen ? "met" : $"missed by {F((chosen - refit) * 100, "0.00")} points";
            AnsiConsole.MarkupLine(Markup.Escape(
                $"refit target ({group.Key}, seeds {string.Join(",", group.Select(r => r.Seed))}): refit test accuracy {P(refit)} against the search's chosen trial's {P(chosen)} " +
                $"(mean; refit epochs {F(group.Average(r => r.RefitEpochs), "0.0")}): {verdict}"));
        }
    }

    private static Means? Mean(IReadOnlyList<StudyResult> group) =>
        group.Count == 0 ? null : new Means(
            [.. group.Select(r => r.Seed).Order()],
            group.Average(r => r.SearchEpochs),
            group.Average(r => r.WallSeconds),
            group.All(r => r.BestValidation is not null) ? group.Average(r => r.BestValidation!.Value) : null,
            group.All(r => r.TestAccuracy is not null) ? group.Average(r => r.TestAccuracy!.Value) : null);

    /// <summary>Table order: the configuration's place in <see cref="StudyConfiguration.All"/>, a refit just after its search.</summary>
    private static double Order(string configuration) =>
        StudyConfiguration.All.ToList().FindIndex(c => configuration == c.Name || configuration == c.Name + RefitSuffix)
        + (configuration.EndsWith(RefitSuffix, StringComparison.Ordinal) ? 0.5 : 0);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string P(double? value) => value is double v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–";

    private sealed record Means(IReadOnlyList<int> Seeds, double Epochs, double Wall, double? Validation, double? Test);
}
