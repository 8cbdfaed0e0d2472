using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// A two-sided paired t-test over seeds: each seed trains both methods from the same initialisation, so the
/// per-seed differences are what varies, not the two samples apart.
/// </summary>
/// <param name="Count">Pairs (seeds present in both methods).</param>
/// <param name="MeanDifference">Mean of a − b over the pairs.</param>
/// <param name="PValue">Two-sided p-value; null with fewer than 2 pairs or differences that do not vary.</param>
internal sealed record PairedTest(int Count, double MeanDifference, double? PValue)
{
    public static PairedTest Of(IReadOnlyList<(double A, double B)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return new PairedTest(0, double.NaN, null);
        }

        var differences = pairs.Select(p => p.A - p.B).ToList();
        var mean = differences.Average();
        if (differences.Count < 2)
        {
            return new PairedTest(1, mean, null);
        }

        var std = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1));
        if (std == 0)
        {
            return new PairedTest(differences.Count, mean, null);
        }

        var t = mean / (std / Math.Sqrt(differences.Count));
        var p = 2 * (1 - StudentT.CDF(0, 1, differences.Count - 1, Math.Abs(t)));
        return new PairedTest(differences.Count, mean, p);
    }

    /// <summary>"n = 3 seeds, paired t-test p = 0.041", with a warning when n is too small to mean much.</summary>
    public string Describe()
    {
        var seeds = Count == 1 ? "n = 1 seed" : $"n = {Count.ToString(CultureInfo.InvariantCulture)} seeds";
        var p = PValue is { } value
            ? $"paired t-test p = {(value < 0.001 ? "< 0.001" : value.ToString("0.###", CultureInfo.InvariantCulture))}"
            : Count < 2 ? "no test possible" : "paired t-test undefined (every seed differs by the same amount)";
        var small = Count is > 0 and < 5 ? "; few seeds, read as indicative only" : string.Empty;
        return $"{seeds}, {p}{small}";
    }
}
