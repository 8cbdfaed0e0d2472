using System.Diagnostics;

namespace Orchestrator.Topology.Bench;

/// <summary>
/// Times an action: warm-up runs (at least the given number and about 0.5 s), then several timed repetitions; reports the median and minimum,
/// the bytes allocated per repetition (all threads) and the process's peak working set afterwards.
/// </summary>
internal sealed record Measurement(double MedianMilliseconds, double MinimumMilliseconds, long AllocatedBytesPerRun, long PeakWorkingSetBytes)
{
    public static Measurement Of(Action action, int warmups, int repetitions)
    {
        // At least `warmups` runs and about half a second, so tiered compilation has settled on optimised code.
        var warmupStart = Stopwatch.GetTimestamp();
        for (var k = 0; k < warmups || (k < 200 && Stopwatch.GetElapsedTime(warmupStart).TotalMilliseconds < 500); k++)
        {
            action();
        }

        var times = new double[repetitions];
        long allocated = 0;
        for (var k = 0; k < repetitions; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            action();
            times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        Array.Sort(times);
        using var process = Process.GetCurrentProcess();
        return new Measurement(times[repetitions / 2], times[0], allocated / repetitions, process.PeakWorkingSet64);
    }
}
