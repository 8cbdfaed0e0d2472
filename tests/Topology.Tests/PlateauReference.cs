namespace Orchestrator.Topology.Tests;

/// <summary>
/// A deliberately plain re-implementation of the documented plateau rule (lists, no ring buffers),
/// used as the independent oracle for <c>SmoothedPlateauRule</c> on random series.
/// </summary>
internal static class PlateauReference
{
    /// <summary>The epoch at which the rule stops (values[k] is epoch k+1), or null if it never does within the series.</summary>
    public static (int StopEpoch, int BestEpoch)? Run(
        IReadOnlyList<double> values, bool ema, int window, double relativeThreshold, double minDelta, int warmUp, int patience, int maxEpochs)
    {
        var seen = new List<double>();
        double? reference = null;
        var lowest = double.PositiveInfinity;
        var best = 0;
        var wait = 0;
        double emaValue = 0;
        for (var k = 0; k < values.Count; k++)
        {
            var epoch = k + 1;
            if (epoch > warmUp)
            {
                seen.Add(values[k]);
                emaValue = seen.Count == 1 ? values[k] : ((2.0 / (window + 1)) * values[k]) + ((1 - (2.0 / (window + 1))) * emaValue);
                if (seen.Count >= window)
                {
                    var s = ema ? emaValue : seen.Skip(seen.Count - window).Average();
                    if (s < lowest)
                    {
                        lowest = s;
                        best = epoch;
                    }

                    if (reference is null || s < reference - Math.Max(relativeThreshold * Math.Abs(reference.Value), minDelta))
                    {
                        reference = s;
                        wait = 0;
                    }
                    else if (++wait >= patience)
                    {
                        return (epoch, best);
                    }
                }
            }

            if (epoch >= maxEpochs)
            {
                return (epoch, best);
            }
        }

        return null;
    }

    /// <summary>Plain patience on the raw signal (what the reference run used): the epoch it stops at, or null.</summary>
    public static int? PlainPatience(IReadOnlyList<double> values, int patience)
    {
        var best = double.PositiveInfinity;
        var wait = 0;
        for (var k = 0; k < values.Count; k++)
        {
            if (values[k] < best)
            {
                best = values[k];
                wait = 0;
            }
            else if (++wait >= patience)
            {
                return k + 1;
            }
        }

        return null;
    }
}
