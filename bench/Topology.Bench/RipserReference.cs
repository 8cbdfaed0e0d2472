using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Bench;

/// <summary>
/// Runs Debian's <c>ripser</c> CLI under <c>/usr/bin/time -v</c> on a lower-triangular distance file and
/// parses its barcodes. The file starts with an empty line: without it ripser silently drops a point.
/// </summary>
internal static partial class RipserReference
{
    public const string Ripser = "/usr/bin/ripser";
    private const string Time = "/usr/bin/time";

    public sealed record Result(double WallSeconds, long PeakResidentBytes, List<PersistencePair> H0, List<PersistencePair> H1);

    public static bool IsAvailable(out string reason)
    {
        reason = !File.Exists(Ripser) ? $"{Ripser} not found (apt-get install ripser)"
            : !File.Exists(Time) ? $"{Time} not found (apt-get install time)"
            : string.Empty;
        return reason.Length == 0;
    }

    public static string WriteLowerDistance(RipsDistanceMatrix distances, string path)
    {
        var text = new StringBuilder();
        text.Append('\n');
        for (var i = 1; i < distances.Size; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (j > 0)
                {
                    text.Append(',');
                }

                text.Append(distances[i, j].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static Result Run(string lowerDistanceFile)
    {
        var start = new ProcessStartInfo(Time)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-v", Ripser, "--format", "lower-distance", "--dim", "1", lowerDistanceFile })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalSeconds;
        var error = errorTask.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ripser failed (exit {process.ExitCode}): {error}");
        }

        var rss = ResidentPattern().Match(error);
        var peak = rss.Success ? long.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture) * 1024 : -1;
        var h0 = new List<PersistencePair>();
        var h1 = new List<PersistencePair>();
        List<PersistencePair>? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("persistence intervals in dim 0", StringComparison.Ordinal))
            {
                current = h0;
            }
            else if (line.StartsWith("persistence intervals in dim 1", StringComparison.Ordinal))
            {
                current = h1;
            }
            else if (current is not null && IntervalPattern().Match(line) is { Success: true } interval)
            {
                var birth = float.Parse(interval.Groups[1].Value, CultureInfo.InvariantCulture);
                var death = interval.Groups[2].Value.Trim().Length == 0
                    ? float.PositiveInfinity
                    : float.Parse(interval.Groups[2].Value, CultureInfo.InvariantCulture);
                current.Add(new PersistencePair(birth, death));
            }
        }

        h0.Sort();
        h1.Sort();
        return new Result(wall, peak, h0, h1);
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex ResidentPattern();

    [GeneratedRegex(@"^\s*\[([^,]+),([^)]*)\)")]
    private static partial Regex IntervalPattern();
}
