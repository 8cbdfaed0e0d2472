using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Data;
using Orchestrator.Topology;
using Orchestrator.Training;
using Spectre.Console;

namespace Orchestrator.Training.Bench;

/// <summary>
/// Seconds per training epoch of the paper's MLPs on 6,000 samples (batch 50, CPU), side by side with
/// the same network in PyTorch (Debian's python3-torch) in the same run, and the per-epoch topology
/// overhead: probe forward + connectome + birth–death decomposition, as a share of the epoch.
/// Usage: Training.Bench [--epochs N] [--python /usr/bin/python3] | --memory [EPOCHS] | --methods [EPOCHS] (<see cref="MethodCostBenchmark"/>)
/// | --on-path [EPOCHS] [ROUNDS] (<see cref="OnPathBenchmark"/>) | --probe-sizes [SEEDS] [MAX_EPOCHS] (<see cref="ProbeSizeStudy"/>) | --sweep-pair [EPOCHS] [ROUNDS] (<see cref="SweepPairBenchmark"/>)
/// </summary>
internal static class TrainingBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--memory")
        {
            TorchRuntime.ConfigureThreads();
            return MemoryGrowthCheck.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);
        }

        if (args.Length > 0 && args[0] == "--on-path")
        {
            return OnPathBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2);
        }

        if (args.Length > 0 && args[0] == "--sweep-pair")
        {
            return SweepPairBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2);
        }

        if (args.Length > 0 && args[0] == "--probe-sizes")
        {
            return ProbeSizeStudy.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60);
        }

        if (args.Length > 0 && args[0] == "--methods")
        {
            TorchRuntime.ConfigureThreads();
            return MethodCostBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
        }

        const int rounds = 3;
        var epochs = 5;
        var python = "/usr/bin/python3";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--epochs":
                    epochs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--python":
                    python = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]} (allowed: --epochs N, --python PATH)");
                    return 2;
            }
        }

        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        TorchRuntime.ConfigureThreads();
        var threads = TorchSharp.torch.get_num_threads();
        var cases = new List<(string Dataset, double Fraction, string Model, int H1, int H2)>();
        if (DatasetCatalog.Default.Availability("fashion-mnist").Available)
        {
            cases.Add(("fashion-mnist", 0.1, "mlp-fashion", 256, 128));
        }

        if (DatasetCatalog.Default.Availability("mnist").Available)
        {
            // npm digits: 6,000 train after the fixed split; official IDX: 10% of 60,000.
            cases.Add(("mnist", DatasetCatalog.Default.Availability("mnist").Location.EndsWith("digits", StringComparison.Ordinal) ? 1.0 : 0.1, "mlp-mnist", 128, 64));
        }

        if (cases.Count == 0)
        {
            Console.Error.WriteLine($"no dataset available; install with: {DataDirectory.InstallCommand}");
            return 2;
        }

        var table = new Table().Expand().Title($"training epoch, 6,000 samples, batch 50, CPU, {threads} threads (best epoch of {rounds} interleaved rounds × {epochs} epochs each, after warm-up)")
            .AddColumns("model", "ours s/epoch", "PyTorch s/epoch", "ours/PyTorch", "probe s", "connectome s", "decomposition s", "topology / epoch");
        foreach (var c in cases)
        {
            using var session = TrainingSession.Create(new TrainingSettings(c.Dataset, c.Fraction, c.Model));
            session.RunEpoch();
            var train = new List<double>();
            var probe = new List<double>();
            var connectome = new List<double>();
            var decomposition = new List<double>();
            var pytorch = new List<double>();

            // Ours and PyTorch alternate, and the best epoch of each counts: on a shared machine the
            // minimum is the estimate least disturbed by other processes.
            for (var round = 0; round < rounds; round++)
            {
                for (var e = 0; e < epochs; e++)
                {
                    var snapshot = session.RunEpoch();
                    var clock = Stopwatch.StartNew();
                    _ = BirthDeathDecomposition.OfUpperTriangle(snapshot.ConnectomeUpperTriangle);
                    decomposition.Add(clock.Elapsed.TotalSeconds);
                    train.Add(snapshot.Timings.Train.TotalSeconds);
                    probe.Add(snapshot.Timings.Probe.TotalSeconds);
                    connectome.Add(snapshot.Timings.Connectome.TotalSeconds);
                }

                if (PyTorchEpoch(python, c.Dataset, c.Fraction, c.Model, c.H1, c.H2, threads, epochs) is { } seconds)
                {
                    pytorch.Add(seconds);
                }
            }

            var ours = train.Min();
            var topology = probe.Min() + connectome.Min() + decomposition.Min();
            table.AddRow(
                $"{c.Model} ({session.TrainingSamples} samples, n = {session.ConnectomeSize}, {session.ProbeSamples} probes)",
                S(ours),
                pytorch.Count == 0 ? "n/a" : S(pytorch.Min()),
                pytorch.Count == 0 ? "n/a" : (ours / pytorch.Min()).ToString("0.00", CultureInfo.InvariantCulture),
                S(probe.Min()),
                S(connectome.Min()),
                S(decomposition.Min()),
                (topology / ours).ToString("0.0%", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"machine: {Environment.ProcessorCount} logical CPUs, load average at end {Markup.Escape(LoadAverage())} (shared machine: timings are noisy)");
        return 0;
    }

    private static double? PyTorchEpoch(string python, string dataset, double fraction, string model, int h1, int h2, int threads, int epochs)
    {
        var data = PreparedData.For(new TrainingSettings(dataset, fraction, model)).Train;
        var path = Path.Combine(Path.GetTempPath(), $"orchestrator-bench-{Environment.ProcessId}-{model}.bin");
        try
        {
            using (var file = new BinaryWriter(File.Create(path)))
            {
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

            var script = Path.Combine(AppContext.BaseDirectory, "pytorch_epoch.py");
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { script, path, data.ItemLength.ToString(CultureInfo.InvariantCulture), I(h1), I(h2), I(data.Classes), I(threads), I(epochs) })
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                AnsiConsole.MarkupLine($"[yellow]PyTorch reference failed ({Markup.Escape(python)}): {Markup.Escape(stderr.Trim())}[/]");
                return null;
            }

            using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            return json.RootElement.GetProperty("seconds").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            AnsiConsole.MarkupLine($"[yellow]PyTorch reference not run: {Markup.Escape(ex.Message)}[/]");
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
