using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Data;
using Spectre.Console;

namespace Orchestrator.Training.Bench;

/// <summary>
/// A trial's training epoch inside a sweep at concurrency 2 (two trials in one silo process, through the real
/// CLI: <c>local run</c>) against two PyTorch processes training the same network side by side on the same
/// cores, alternating in one run. Fashion-MNIST 10 % (6,000 images), MLP 784-256-128-10, batch 50, SGD momentum,
/// stop none (no monitoring), 1 Torch thread per trial and per PyTorch process.
/// Usage: <c>Training.Bench --sweep-pair [EPOCHS] [ROUNDS]</c>.
/// </summary>
internal static class SweepPairBenchmark
{
    public static int Run(int epochs, int rounds, string python = "/usr/bin/python3")
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        var worker = WorkerTrainRun.WorkerPath();
        var cli = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(worker)!)!, "client", "orchestrator.dll");
        var work = Directory.CreateTempSubdirectory("orchestrator-bench-sweep-pair-");
        try
        {
            var data = Path.Combine(work.FullName, "fm-6000.bin");
            WriteData(data);
            var sweep = Path.Combine(work.FullName, "pair.json");
            File.WriteAllText(sweep, $$"""
                { "name": "bench-pair", "dataset": "fashion-mnist", "fractions": [0.1], "model": "mlp-fashion",
                  "grid": { "lr": [0.01], "seed": [0, 1] }, "stopping": [ { "method": "none", "parameters": {} } ],
                  "maxEpochs": {{epochs}}, "probeSize": 1000, "concurrency": 2, "checkpointEvery": {{epochs}} }
                """);
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                AnsiConsole.MarkupLineInterpolated($"round {round + 1}/{rounds}: sweep at concurrency 2");
                ours.AddRange(SweepEpochs(cli, worker, sweep, Path.Combine(work.FullName, $"results-{round}")));
                AnsiConsole.MarkupLineInterpolated($"round {round + 1}/{rounds}: two PyTorch processes");
                theirs.AddRange(PyTorchPair(python, data, epochs));
            }

            var (o, t) = (WorkerTrainRun.Median(ours), WorkerTrainRun.Median(theirs));
            var table = new Table().Title($"training epoch with two trials on {Environment.ProcessorCount} cores (Fashion-MNIST 10 %, MLP, batch 50, {rounds} alternating rounds × 2 trials × {epochs - 1} epochs after the first)")
                .AddColumns("", "ours: sweep, concurrency 2 (one silo)", "PyTorch: two processes side by side", "ours / PyTorch", "target ≤ 1.0");
            table.AddRow("median s/epoch", S(o), S(t), (o / t).ToString("0.00", CultureInfo.InvariantCulture), o <= t ? "met" : "missed");
            table.AddRow("min s/epoch", S(ours.Min()), S(theirs.Min()), (ours.Min() / theirs.Min()).ToString("0.00", CultureInfo.InvariantCulture), "–");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"load average at end {File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b)} (shared machine: noisy)");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Each trial's training seconds per epoch (epochs.csv's train_s) after its first epoch.</summary>
    private static IEnumerable<double> SweepEpochs(string cli, string worker, string sweep, string results)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "local", "run", sweep, "--results", results })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ORCHESTRATOR_SILO_PATH"] = worker;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local run exited {process.ExitCode}: {stderr}{stdout.Result}");
        }

        var lines = File.ReadAllLines(Directory.GetFiles(results, "epochs.csv", SearchOption.AllDirectories).Single());
        var header = lines[0].Split(',');
        var (epoch, train) = (Array.IndexOf(header, "epoch"), Array.IndexOf(header, "train_s"));
        return lines.Skip(1).Select(l => l.Split(',')).Where(f => f[epoch] != "1").Select(f => double.Parse(f[train], CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Two PyTorch processes at once, 1 thread each; each reports its mean epoch after a warm-up epoch.</summary>
    private static IEnumerable<double> PyTorchPair(string python, string data, int epochs)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_epoch.py");
        var processes = Enumerable.Range(0, 2).Select(_ =>
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { script, data, "784", "256", "128", "10", "1", (epochs - 1).ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(a);
            }

            return Process.Start(start)!;
        }).ToList();
        var means = new List<double>();
        foreach (var p in processes)
        {
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"PyTorch reference failed: {stderr}");
            }

            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            means.Add(json.RootElement.GetProperty("mean").GetDouble());
            p.Dispose();
        }

        return means;
    }

    private static void WriteData(string path)
    {
        var data = PreparedData.For(new TrainingSettings("fashion-mnist", 0.1, "mlp-fashion")).Train;
        using var file = new BinaryWriter(File.Create(path));
        file.Write(data.Count);
        foreach (var v in data.Pixels)
        {
            file.Write(v);
        }

        foreach (var l in data.Labels)
        {
            file.Write(l);
        }
    }

    private static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
