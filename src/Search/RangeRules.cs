namespace Orchestrator.Search;

/// <summary>The rules the real-valued ranges share, with messages that say what is allowed.</summary>
internal static class RangeRules
{
    public static IEnumerable<string> Real(double low, double high, bool logScale)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            yield return $"the bounds must be finite numbers; got [{low}, {high}]";
            yield break;
        }

        if (low >= high)
        {
            yield return EmptyOrInverted(low, high);
        }

        if (logScale && (low <= 0 || high <= 0))
        {
            yield return $"loguniform bounds must both be > 0; got [{low}, {high}] (use uniform to include 0 or negatives)";
        }
    }

    public static string EmptyOrInverted(double low, double high) =>
        low == high
            ? $"the range [{low}, {high}] is empty; give [low, high] with low < high (or a one-value choice for a constant)"
            : $"the range [{low}, {high}] is inverted; give [low, high] with low < high, e.g. [{high}, {low}]";
}
