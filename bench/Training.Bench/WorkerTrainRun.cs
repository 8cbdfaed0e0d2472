using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Training.Bench;

/// <summary>One run of the real worker's <c>train</c> verb (<c>.build/silo/orchestrator-silo.dll</c>, or <c>ORCHESTRATOR_SILO_PATH</c>), read back from its <c>--json</c> report.</summary>
internal static class WorkerTrainRun
{
    public sealed record Epoch(double Train, double Probe, double Connectome, double Validation, double Monitoring, double OnPath);

    public sealed record Report(IReadOnlyList<Epoch> Epochs, int StopEpoch, double? TestAccuracy, int SpeculativeEpochs, double WallSeconds);

    public static string WorkerPath()
    {
        if (Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var built = Path.Combine(d.FullName, ".build", "silo", "orchestrator-silo.dll");
            if (File.Exists(built))
            {
                return built;
            }
        }

        throw new FileNotFoundException("the built worker was not found: run ./orchestrator --help once (it builds .build/silo), or set ORCHESTRATOR_SILO_PATH");
    }

    public static Report Run(string worker, IEnumerable<string> arguments)
    {
        var json = Path.Combine(Path.GetTempPath(), $"orchestrator-bench-train-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(worker);
        start.ArgumentList.Add("train");
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.ArgumentList.Add("--json");
        start.ArgumentList.Add(json);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"train {string.Join(' ', start.ArgumentList.Skip(2))} exited {process.ExitCode}: {stderr}{stdout.Result}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(json));
            var root = document.RootElement;
            var epochs = root.GetProperty("epochs").EnumerateArray().Select(e =>
            {
                var s = e.GetProperty("seconds");
                return new Epoch(
                    s.GetProperty("train").GetDouble(), s.GetProperty("probe").GetDouble(), s.GetProperty("connectome").GetDouble(),
                    s.GetProperty("validation").GetDouble(), s.GetProperty("monitoring").GetDouble(), s.GetProperty("monitoringOnPath").GetDouble());
            }).ToList();
            var summary = root.GetProperty("summary");
            var accuracy = summary.GetProperty("testAccuracy");
            return new Report(
                epochs,
                summary.GetProperty("stopEpoch").GetInt32(),
                accuracy.ValueKind == JsonValueKind.Number ? accuracy.GetDouble() : null,
                summary.GetProperty("speculativeEpochs").GetInt32(),
                wall);
        }
        finally
        {
            File.Delete(json);
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
