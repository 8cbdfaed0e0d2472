namespace Dashboard.Bench;

/// <summary>What one page measured while the sweep streamed (milliseconds unless named otherwise).</summary>
internal sealed record PageTiming(
    string Page,
    int Events,
    int Redraws,
    double RedrawMedian,
    double RedrawP95,
    double RedrawMax,
    double DrawPerEpoch,
    double LatencyMedian,
    double LatencyP95,
    double LatencyMax,
    double FramesPerSecond,
    int LongFrames,
    double LongestFrame,
    double LastDrawnAfter)
{
    /// <summary>Nearest-rank percentile of <paramref name="values"/> (0 when empty).</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
