using System.Globalization;
using System.Text;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// The report's discussion, generated from the numbers: did TOP stop earlier than VL and FP, was its test
/// accuracy higher, by how much against the seed-level spread, and does that agree with the paper's claim.
/// </summary>
internal static class ReportDiscussion
{
    public static string Write(ReportGroup group)
    {
        var text = new StringBuilder();
        var top = group.Find("top");
        if (top?.StopEpoch is null || top.TestAccuracy is null)
        {
            text.AppendLine("No finished TOP trials in this configuration: nothing to compare against the paper's claim.");
            return text.ToString();
        }

        var disagreements = new List<string>();
        var missing = new List<string>();
        var tests = new List<string>();

        // Methods the sweep did not run get no paragraph: only those present are compared.
        var compared = new[] { "vl", "fp" }.Where(name => group.Find(name) is not null).ToList();
        foreach (var name in compared)
        {
            var upper = name.ToUpperInvariant();
            var other = group.Find(name);
            if (other?.StopEpoch is null || other.TestAccuracy is null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {upper}: no finished trials here, so TOP cannot be compared with it.");
                missing.Add(upper);
                continue;
            }

            var stopDifference = top.StopEpoch.Value.Mean - other.StopEpoch.Value.Mean;
            var accuracyDifference = (top.TestAccuracy.Value.Mean - other.TestAccuracy.Value.Mean) * 100;
            var (earlierSeeds, higherSeeds, paired) = PerSeed(top, other);
            var stopTest = PairedTest.Of(Pairs(top, other, t => t.StopEpoch!.Value));
            var accuracyTest = PairedTest.Of(Pairs(top, other, t => t.TestAccuracy!.Value * 100));
            var few = stopTest.Count is > 0 and < 5 ? "; few seeds, indicative only" : string.Empty;
            tests.Add($"vs {upper}, n = {stopTest.Count} seeds: paired t-test p = {P(stopTest)} on the stop epoch, p = {P(accuracyTest)} on the accuracy{few}");
            var stopSpread = Math.Max(top.StopEpoch.Value.Std, other.StopEpoch.Value.Std);
            var accuracySpread = Math.Max(top.TestAccuracy.Value.Std, other.TestAccuracy.Value.Std) * 100;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- Stop epoch, TOP vs {upper}: {top.StopEpoch.Value.Format("F1")} vs {other.StopEpoch.Value.Format("F1")} — TOP stopped {Describe(stopDifference, "epochs", "earlier", "later")}" +
                $"{Spread(Math.Abs(stopDifference), stopSpread, "epochs")}; earlier on {earlierSeeds} of {paired} seeds ({stopTest.Describe()}).");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- Test accuracy at the stop, TOP vs {upper}: {Percent(top.TestAccuracy.Value)} vs {Percent(other.TestAccuracy.Value)} — TOP {Describe(accuracyDifference, "percentage points", "lower", "higher")}" +
                $"{Spread(Math.Abs(accuracyDifference), accuracySpread, "points")}; higher on {higherSeeds} of {paired} seeds ({accuracyTest.Describe()}).");
            if (top.MonitoringSecondsPerEpoch is { } topCost && other.MonitoringSecondsPerEpoch is { } otherCost)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"- Monitoring cost per epoch, TOP vs {upper}: {topCost:F4} s vs {otherCost:F4} s ({(topCost < otherCost ? "TOP cheaper" : "TOP not cheaper")}).");
            }

            if (stopDifference >= 0)
            {
                disagreements.Add($"TOP did not stop earlier than {upper} on average");
            }

            if (accuracyDifference <= 0)
            {
                disagreements.Add($"TOP's test accuracy was not higher than {upper}'s on average");
            }
        }

        foreach (var method in group.Headline.Where(m => m.BaseMethod != "none"))
        {
            var limit = method.Finished.Count(t => t.State == "Completed");
            if (limit > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {method.Method}: {limit} of {method.Finished.Count} trials reached max epochs without stopping early.");
            }
        }

        if (group.Find("none")?.HindsightBestAccuracy is { } hindsight)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- In hindsight (test labels, not available to any method) the best epoch of \"none\" reaches {Percent(hindsight)}; TOP at its stop is {((hindsight.Mean - top.TestAccuracy.Value.Mean) * 100).ToString("0.##", CultureInfo.InvariantCulture)} percentage points below that.");
        }

        if (compared.Count == 0)
        {
            // Neither baseline is in the sweep: there is no claim to test, so no verdict paragraph either.
            return text.ToString();
        }

        text.AppendLine();
        var evidence = tests.Count > 0 ? $" (TOP {string.Join("; ", tests)})" : string.Empty;
        var claim = $"the paper's claim (in data-limited regimes TOP stops earlier than {string.Join(" and ", compared.Select(c => c.ToUpperInvariant()))} and reaches higher test accuracy)";
        if (disagreements.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**Disagrees with {claim}** here: {string.Join("; ", disagreements)}{evidence}.");
        }
        else if (missing.Count == compared.Count)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "has" : "have")} no finished trials here, so {claim} is not tested.");
        }
        else if (missing.Count == 1)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**Consistent with {claim}** as far as it can be tested{evidence}: {missing[0]} has no finished trials here, so that half is not tested.");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**Agrees with {claim}** on average{evidence}. A p-value above 0.05 means the seeds do not show the difference is real.");
        }

        return text.ToString();
    }

    private static (int Earlier, int Higher, int Paired) PerSeed(MethodSummary top, MethodSummary other)
    {
        var others = other.Finished.ToDictionary(t => t.Seed);
        var pairs = top.Finished.Where(t => others.ContainsKey(t.Seed)).Select(t => (Top: t, Other: others[t.Seed])).ToList();
        return (pairs.Count(p => p.Top.StopEpoch < p.Other.StopEpoch), pairs.Count(p => p.Top.TestAccuracy > p.Other.TestAccuracy), pairs.Count);
    }

    /// <summary>Per-seed pairs of a value, for seeds both methods finished.</summary>
    private static List<(double A, double B)> Pairs(MethodSummary top, MethodSummary other, Func<TrialResult, double> value)
    {
        var others = other.Finished.ToDictionary(t => t.Seed);
        return [.. top.Finished.Where(t => others.ContainsKey(t.Seed)).Select(t => (value(t), value(others[t.Seed])))];
    }

    private static string P(PairedTest test) => test.PValue is { } p ? (p < 0.001 ? "< 0.001" : p.ToString("0.###", CultureInfo.InvariantCulture)) : "n/a";

    private static string Describe(double difference, string unit, string negative, string positive) => difference switch
    {
        < 0 => $"{(-difference).ToString("0.##", CultureInfo.InvariantCulture)} {unit} {negative}",
        > 0 => $"{difference.ToString("0.##", CultureInfo.InvariantCulture)} {unit} {positive}",
        _ => $"neither {negative} nor {positive} (equal means)",
    };

    private static string Spread(double difference, double spread, string unit) => spread > 0 && difference <= spread
        ? $", within the seed-level spread (largest std {spread.ToString("0.##", CultureInfo.InvariantCulture)} {unit})"
        : spread > 0 ? $", beyond the seed-level spread (largest std {spread.ToString("0.##", CultureInfo.InvariantCulture)} {unit})" : string.Empty;

    internal static string Percent(MeanStd accuracy) => new MeanStd(accuracy.Mean * 100, accuracy.Std * 100, accuracy.Count).Format("F2") + " %";
}
