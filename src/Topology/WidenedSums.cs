using System.Runtime.Intrinsics;

namespace Orchestrator.Topology;

/// <summary>Vectorised sums over single-precision spans, accumulated in double precision.</summary>
internal static class WidenedSums
{
    /// <summary>Σ x.</summary>
    public static double Sum(ReadOnlySpan<float> x)
    {
        var k = 0;
        var acc = Vector256<double>.Zero;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 8 <= x.Length; k += 8)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(x.Slice(k, 8)));
                acc += low + high;
            }
        }

        var sum = Vector256.Sum(acc);
        for (; k < x.Length; k++)
        {
            sum += x[k];
        }

        return sum;
    }

    /// <summary>Σ (x − y)² for <paramref name="p"/> = 2, Σ |x − y| for <paramref name="p"/> = 1, over equal-length spans.</summary>
    public static double SumOfDifferencePowers(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int p)
    {
        var k = 0;
        var acc = Vector256<double>.Zero;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 8 <= x.Length; k += 8)
            {
                var (xLow, xHigh) = Vector256.Widen(Vector256.Create(x.Slice(k, 8)));
                var (yLow, yHigh) = Vector256.Widen(Vector256.Create(y.Slice(k, 8)));
                var dLow = xLow - yLow;
                var dHigh = xHigh - yHigh;
                acc += p == 2 ? (dLow * dLow) + (dHigh * dHigh) : Vector256.Abs(dLow) + Vector256.Abs(dHigh);
            }
        }

        var sum = Vector256.Sum(acc);
        for (; k < x.Length; k++)
        {
            var d = (double)x[k] - y[k];
            sum += p == 2 ? d * d : Math.Abs(d);
        }

        return sum;
    }
}
