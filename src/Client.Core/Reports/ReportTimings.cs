using System.Globalization;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// Says when per-epoch seconds do not measure a method alone: trials that shared the machine, and first
/// epochs slowed by warm-up (JIT, data loading, caches). The numbers stay; the reader is told what is in them.
/// </summary>
internal static class ReportTimings
{
    /// <summary>A first epoch this many times slower than a trial's median epoch counts as warm-up.</summary>
    public const double WarmUpRatio = 1.5;

    public static string? Warning(ResultsFolder results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reasons = new List<string>();
        if (results.Concurrency is > 1 and var concurrency)
        {
            reasons.Add($"the sweep ran {concurrency} trials at once on one machine, so each epoch's seconds include sharing the CPU with other trials");
        }

        var ratios = results.Trials
            .Select(t => results.EpochsOf(t.Id).Where(e => e.Seconds.ContainsKey("train_s")).Select(e => e.Seconds["train_s"]).ToList())
            .Where(s => s.Count >= 3)
            .Select(s => s[0] / Median(s.Skip(1)))
            .Where(r => double.IsFinite(r))
            .ToList();
        if (ratios.Count > 0 && ratios.Average() > WarmUpRatio)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"first epochs took {ratios.Average():0.#}× a trial's median epoch on average (warm-up: JIT, data loading), and the means include them"));
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons) + ". Compare methods' seconds from `bench/` for clean numbers.";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
