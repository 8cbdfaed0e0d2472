using System.Globalization;
using Orchestrator.Topology;
using Orchestrator.Topology.Homology;
using Spectre.Console;

namespace Orchestrator.Topology.Bench;

/// <summary>
/// FP (Vietoris–Rips persistence, dimensions 0 and 1, of d = 1 − W) side by side with Debian's ripser
/// on the same connectomes: time, peak memory and whether the barcodes match.
/// </summary>
internal sealed class FpBenchmark : IBenchmarkHarness
{
    private const int ProbeSamples = 1000;

    public string Name => "fp";

    public string Description => "FP Vietoris–Rips persistence (H0, H1) side by side with Debian's ripser (options: --sizes 192,384, --no-ripser)";

    public int Run(string[] args)
    {
        var sizesIndex = Array.IndexOf(args, "--sizes");
        var sizes = sizesIndex >= 0 && sizesIndex + 1 < args.Length
            ? args[sizesIndex + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : [192, 384];
        var reason = "--no-ripser";
        var withRipser = !args.Contains("--no-ripser") && RipserReference.IsAvailable(out reason);
        if (!withRipser)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]ripser column skipped: {reason}[/]");
        }

        if (AnsiConsole.Profile.Width < 150)
        {
            AnsiConsole.Profile.Width = 150;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"[bold]FP vs ripser[/] — {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}");
        var table = new Table().Title(
            $"Vietoris–Rips H0+H1 of d = 1 − W, W from m = {ProbeSamples} samples of a low-rank LeakyReLU layer (ours: median of 5 after warm-up; ripser: median of 3 processes)");
        table.AddColumns("n", "H0 / H1 bars", "ours s", "ours allocated MiB", "ours peak WS MiB", "ripser s", "ripser peak RSS MiB", "time ratio", "target ≤ 1.5×", "barcodes match");
        var directory = Directory.CreateTempSubdirectory("orchestrator-fp-bench-");
        try
        {
            foreach (var n in sizes)
            {
                var connectome = FunctionalConnectome.Compute(LeakyReluActivations(n), ProbeSamples, n);
                var distances = RipsDistanceMatrix.FromConnectome(connectome);
                RipsPersistence? ours = null;
                var measurement = Measurement.Of(() => ours = VietorisRipsPersistence.Compute(distances), warmups: 1, repetitions: 5);
                string ripserSeconds = "—", ripserMemory = "—", ratio = "—", met = "—", match = "—";
                if (withRipser)
                {
                    var file = RipserReference.WriteLowerDistance(distances, Path.Combine(directory.FullName, $"d{n}.ldm"));
                    var runs = Enumerable.Range(0, 3).Select(_ => RipserReference.Run(file)).OrderBy(r => r.WallSeconds).ToList();
                    var median = runs[1];
                    ripserSeconds = median.WallSeconds.ToString("F3", CultureInfo.InvariantCulture);
                    ripserMemory = (runs.Max(r => r.PeakResidentBytes) / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
                    var r = measurement.MedianMilliseconds / 1000 / median.WallSeconds;
                    ratio = $"{r:F2}×";
                    met = r <= 1.5 ? "[green]yes[/]" : "[red]no[/]";
                    match = Matches(ours!.H0.Pairs, median.H0) && Matches(ours.H1.Pairs, median.H1)
                        ? "[green]yes[/]"
                        : $"[red]no[/] (ripser {median.H0.Count}/{median.H1.Count})";
                }

                table.AddRow(
                    n.ToString(CultureInfo.InvariantCulture),
                    $"{ours!.H0.Count} / {ours.H1.Count}",
                    (measurement.MedianMilliseconds / 1000).ToString("F3", CultureInfo.InvariantCulture),
                    (measurement.AllocatedBytesPerRun / 1048576.0).ToString("F1", CultureInfo.InvariantCulture),
                    (measurement.PeakWorkingSetBytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture),
                    ripserSeconds,
                    ripserMemory,
                    ratio,
                    met,
                    match);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("ours allocated = managed bytes allocated by one computation (the algorithm's memory); peak WS = the whole benchmark process, .NET runtime included.");
        return 0;
    }

    /// <summary>
    /// Same count and every pair equal to ripser's 6 significant digits: ours are rounded the way ripser
    /// prints before both are sorted, so pairs whose births differ beyond the 6th digit sort alike.
    /// </summary>
    private static bool Matches(IReadOnlyList<PersistencePair> exact, List<PersistencePair> ripser)
    {
        var ours = exact.Select(p => new PersistencePair(SixDigits(p.Birth), SixDigits(p.Death))).Order().ToList();
        if (ours.Count != ripser.Count)
        {
            return false;
        }

        for (var k = 0; k < ours.Count; k++)
        {
            if (!Close(ours[k].Birth, ripser[k].Birth) || !Close(ours[k].Death, ripser[k].Death))
            {
                AnsiConsole.WriteLine($"first difference at pair {k}: ours {ours[k]}, ripser {ripser[k]}");
                return false;
            }
        }

        return true;
    }

    // A hidden layer's activations: 12 latent factors mixed into every neuron plus noise, through a
    // LeakyReLU (slope 0.01), so neurons are correlated in groups and partly rectified.
    private static float[] LeakyReluActivations(int n) =>
        SyntheticActivations.Generate(ProbeSamples, n, seed: n, factors: 12, loading: 0.6, offset: 0.3, leakySlope: 0.01);

    private static float SixDigits(float value) =>
        float.IsPositiveInfinity(value) ? value : float.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static bool Close(float a, float b) =>
        float.IsPositiveInfinity(a) ? float.IsPositiveInfinity(b) : Math.Abs(a - b) <= (1e-5 * Math.Abs(a)) + 1e-7;

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
