using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Orchestrator.Topology.Bench;

/// <summary>
/// <c>orchestrator topology decompose</c> as a whole process (start, read W.npy, decompose, write the result)
/// against the scipy reference script doing the same (<c>scipy_decompose_cli.py</c>), alternating in one run.
/// The CLI is the built one in <c>.build/client</c> (<c>./orchestrator --help</c> builds it) or <c>--cli DLL</c>.
/// </summary>
internal sealed class DecomposeCliBenchmark : IBenchmarkHarness
{
    public string Name => "decompose-cli";

    public string Description => "topology decompose as a whole process (JSON and --out .npz) vs the scipy script, n = 3000 [--n N --rounds R --cli DLL]";

    public int Run(string[] args)
    {
        var n = Argument(args, "--n", 3000);
        var rounds = Argument(args, "--rounds", 5);
        var cli = ArgumentText(args, "--cli") ?? Path.Combine(RepositoryRoot(), ".build", "client", "orchestrator.dll");
        if (!File.Exists(cli))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{cli} not found: run ./orchestrator --help once to build the CLI, or pass --cli DLL[/]");
            return 2;
        }

        if (!ScipyReference.IsAvailable(out var reason))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{reason}[/]");
            return 2;
        }

        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-decompose-");
        try
        {
            var w = Path.Combine(directory.FullName, "w.npy");
            NpyFile.WriteFloat32(w, Connectome(n), n, n);
            var script = Path.Combine(AppContext.BaseDirectory, "scipy_decompose_cli.py");
            var oursJson = Path.Combine(directory.FullName, "ours.json");
            var scipyJson = Path.Combine(directory.FullName, "scipy.json");
            var npz = Path.Combine(directory.FullName, "ours.npz");
            var runs = new (string Label, string File, string Arguments, string Output)[]
            {
                ("orchestrator (JSON)", "dotnet", $"\"{cli}\" topology decompose --matrix \"{w}\"", oursJson),
                ("orchestrator (--out .npz)", "dotnet", $"\"{cli}\" topology decompose --matrix \"{w}\" --out \"{npz}\"", Path.Combine(directory.FullName, "npz.json")),
                ("scipy script (JSON)", ScipyReference.Python, $"\"{script}\" \"{w}\"", scipyJson),
            };
            var times = runs.Select(_ => new List<double>()).ToArray();

            // One warm-up each (disk cache, JIT of nothing: every run is a fresh process), then alternating rounds.
            for (var round = -1; round < rounds; round++)
            {
                for (var r = 0; r < runs.Length; r++)
                {
                    var seconds = Time(runs[r].File, runs[r].Arguments, runs[r].Output);
                    if (round >= 0)
                    {
                        times[r].Add(seconds);
                    }
                }
            }

            var same = SameDecomposition(oursJson, scipyJson, out var counts);
            var scipy = Median(times[2]);
            var table = new Table().Title($"topology decompose, whole process, n = {n} ({counts}; median of {rounds} alternating rounds)")
                .AddColumns("process", "median s", "min s", "output MiB", "scipy / this", "target ≥ 4× (JSON)");
            for (var r = 0; r < runs.Length; r++)
            {
                var median = Median(times[r]);
                var bytes = new FileInfo(runs[r].Output).Length + (r == 1 ? new FileInfo(npz).Length : 0);
                table.AddRow(
                    runs[r].Label,
                    median.ToString("0.000", CultureInfo.InvariantCulture),
                    times[r].Min().ToString("0.000", CultureInfo.InvariantCulture),
                    (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture),
                    r == 2 ? "1" : (scipy / median).ToString("0.00", CultureInfo.InvariantCulture) + "×",
                    r == 0 ? (scipy / median >= 4 ? "met" : "missed") : "–");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"same births and deaths as scipy (float32, element by element): {(same ? "yes" : "NO")}");
            return same ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static double Time(string file, string arguments, string output)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using (var sink = File.Create(output))
        {
            process.StandardOutput.BaseStream.CopyTo(sink);
        }

        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {error}");
        }

        return seconds;
    }

    private static bool SameDecomposition(string ours, string scipy, out string counts)
    {
        using var a = JsonDocument.Parse(File.ReadAllBytes(ours));
        using var b = JsonDocument.Parse(File.ReadAllBytes(scipy));
        float[] Values(JsonDocument d, string name) => [.. d.RootElement.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble())];
        var (births, deaths) = (Values(a, "births"), Values(a, "deaths"));
        counts = $"{births.Length:N0} births, {deaths.Length:N0} deaths";
        return births.SequenceEqual(Values(b, "births")) && deaths.SequenceEqual(Values(b, "deaths"));
    }

    /// <summary>|Pearson r| of correlated synthetic activations: the structure of a real connectome, no zero entries (scipy reads 0 as no edge).</summary>
    private static float[] Connectome(int n)
    {
        var samples = 200;
        var x = SyntheticActivations.Generate(samples, n, seed: 7);
        var w = new float[n * n];
        var means = new double[n];
        var norms = new double[n];
        for (var j = 0; j < n; j++)
        {
            double sum = 0;
            for (var s = 0; s < samples; s++)
            {
                sum += x[(s * n) + j];
            }

            means[j] = sum / samples;
            double squares = 0;
            for (var s = 0; s < samples; s++)
            {
                var d = x[(s * n) + j] - means[j];
                squares += d * d;
            }

            norms[j] = Math.Sqrt(squares);
        }

        Parallel.For(0, n, i =>
        {
            for (var j = i + 1; j < n; j++)
            {
                double dot = 0;
                for (var s = 0; s < samples; s++)
                {
                    dot += (x[(s * n) + i] - means[i]) * (x[(s * n) + j] - means[j]);
                }

                var r = (float)Math.Max(1e-7, Math.Abs(dot / (norms[i] * norms[j])));
                w[(i * n) + j] = r;
                w[(j * n) + i] = r;
            }
        });
        return w;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Argument(string[] args, string name, int fallback) =>
        ArgumentText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? ArgumentText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Orchestrator.slnx")))
            {
                return d.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
