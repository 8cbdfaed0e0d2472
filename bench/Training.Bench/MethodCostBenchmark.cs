using System.Diagnostics;
using System.Globalization;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;
using Spectre.Console;

namespace Orchestrator.Training.Bench;

/// <summary>
/// The per-epoch cost of each stopping method on the Fashion-MNIST MLP (784-256-128-10, 10 % = 6,000 images,
/// batch 50, probe 1,000), the table the paper reports: training seconds per epoch, and per method the
/// monitoring seconds per epoch, its share of the training epoch and its memory. TOP = probe + connectome +
/// decomposition + graph distance; FP = probe + connectome + Vietoris–Rips persistence + diagram distance;
/// NP = reading the weights + neural persistence; VL = the validation forward pass on a 20 % hold-out (its
/// run trains on the other 80 %). The signals are computed by <see cref="EpochSignalTracker"/>, as in a run.
/// Usage: Training.Bench --methods [EPOCHS] (default 5, after one warm-up epoch).
/// </summary>
internal static class MethodCostBenchmark
{
    private sealed record MethodCost(List<double> Train, List<double> Monitoring, List<double> AllocatedMiB, List<double> PeakRssMiB);

    public static int Run(int epochs)
    {
        if (!Data.DatasetCatalog.Default.Availability("fashion-mnist").Available)
        {
            Console.Error.WriteLine($"fashion-mnist is not available; install with: {Data.DataDirectory.InstallCommand}");
            return 2;
        }

        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        var methods = new[] { "TOP", "FP", "NP", "VL" }.ToDictionary(m => m, _ => new MethodCost([], [], [], []));
        int n, probes, trainAll, trainVl, validation;

        using (var session = TrainingSession.Create(new TrainingSettings("fashion-mnist", 0.1, "mlp-fashion")))
        {
            (n, probes, trainAll) = (session.ConnectomeSize, session.ProbeSamples, session.TrainingSamples);
            var top = new EpochSignalTracker(CriterionSignals.GraphDistance);
            var fp = new EpochSignalTracker(CriterionSignals.DiagramDistance);
            var np = new EpochSignalTracker(CriterionSignals.NeuralPersistence);
            for (var e = 0; e <= epochs; e++)
            {
                var s = session.RunEpoch();
                var capture = s.Timings.Probe.TotalSeconds + s.Timings.Connectome.TotalSeconds;
                var topValues = Measure(() => top.Observe(s.Epoch, s.TrainingLoss, null, s.ConnectomeSize, s.ConnectomeUpperTriangle), out var topAllocated, out var topPeak);
                var fpValues = Measure(() => fp.Observe(s.Epoch, s.TrainingLoss, null, s.ConnectomeSize, s.ConnectomeUpperTriangle), out var fpAllocated, out var fpPeak);
                var npValues = Measure(() => np.Observe(s.Epoch, s.TrainingLoss, null, 0, [], () => Layers(session)), out var npAllocated, out var npPeak);
                if (e == 0)
                {
                    continue; // warm-up: JIT and first-touch allocations
                }

                Add(methods["TOP"], s.Timings.Train.TotalSeconds, capture + topValues.GraphTime.TotalSeconds, topAllocated, topPeak);
                Add(methods["FP"], s.Timings.Train.TotalSeconds, capture + fpValues.DiagramTime.TotalSeconds, fpAllocated, fpPeak);
                Add(methods["NP"], s.Timings.Train.TotalSeconds, npValues.NeuralPersistenceTime.TotalSeconds, npAllocated, npPeak);
                AnsiConsole.MarkupLine(Invariant($"[grey]epoch {s.Epoch}: train {s.Timings.Train.TotalSeconds:0.000} s, TOP {capture + topValues.GraphTime.TotalSeconds:0.000} s, FP {capture + fpValues.DiagramTime.TotalSeconds:0.000} s, NP {npValues.NeuralPersistenceTime.TotalSeconds:0.000} s[/]"));
            }
        }

        using (var session = TrainingSession.Create(new TrainingSettings("fashion-mnist", 0.1, "mlp-fashion", ValidationFraction: 0.2)))
        {
            (trainVl, validation) = (session.TrainingSamples, session.ValidationSamples);
            for (var e = 0; e <= epochs; e++)
            {
                var s = session.RunEpoch();
                if (e > 0)
                {
                    // The validation pass runs inside RunEpoch on Torch's native memory: its time is measured, its memory is not separable.
                    Add(methods["VL"], s.Timings.Train.TotalSeconds, s.Timings.Validation.TotalSeconds, double.NaN, double.NaN);
                }
            }
        }

        var table = new Table().Title(Invariant($"per-method cost per epoch: mlp-fashion, n = {n} neurons, probe {probes}, batch 50, CPU, {TorchSharp.torch.get_num_threads()} threads (median of {epochs} epochs after 1 warm-up)"))
            .AddColumns("method", "train s/epoch", "monitoring s/epoch", "monitoring / training", "allocated MiB/epoch (managed)", "peak memory Δ MiB (RSS)", "monitoring does");
        var what = new Dictionary<string, string>
        {
            ["TOP"] = "probe + connectome + decomposition + graph distance",
            ["FP"] = "probe + connectome + VR persistence H0/H1 + diagram W2",
            ["NP"] = "weights → host + neural persistence",
            ["VL"] = Invariant($"validation forward pass ({validation} held out)"),
        };
        foreach (var (name, cost) in methods)
        {
            var train = Median(cost.Train);
            var monitoring = Median(cost.Monitoring);
            table.AddRow(
                Invariant($"{name} ({(name == "VL" ? trainVl : trainAll)} train images)"),
                Invariant($"{train:0.000}"),
                Invariant($"{monitoring:0.000}"),
                Invariant($"{monitoring / train:0.0%}"),
                double.IsNaN(Median(cost.AllocatedMiB)) ? "n/a (native)" : Invariant($"{Median(cost.AllocatedMiB):0.0}"),
                double.IsNaN(cost.PeakRssMiB.DefaultIfEmpty(double.NaN).Max()) ? "n/a (native)" : Invariant($"{cost.PeakRssMiB.Max():0.0}"),
                Markup.Escape(what[name]));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(
            "allocated = managed bytes allocated by the method's signal step (all threads); peak memory Δ = the process's resident set sampled every 0.5 ms "
            + "during that step, minus its value before (max over epochs). Both exclude the probe forward and connectome, which TOP and FP share "
            + Invariant($"and which run in Torch's native memory (activations {probes} × {n} float32 = {probes * n * 4 / 1048576.0:0.0} MiB, W {n}² float32 = {n * n * 4 / 1048576.0:0.0} MiB)."));
        AnsiConsole.MarkupLine($"machine: {Environment.ProcessorCount} logical CPUs, load average at end {Markup.Escape(LoadAverage())} (shared machine: timings are noisy)");
        return 0;
    }

    private static IReadOnlyList<NeuralPersistenceLayer> Layers(TrainingSession session) =>
        [.. session.NeuralPersistenceWeights().Select(w => new NeuralPersistenceLayer(w.Columns, w.Rows, w.Values))];

    private static void Add(MethodCost cost, double train, double monitoring, double allocated, double peak)
    {
        cost.Train.Add(train);
        cost.Monitoring.Add(monitoring);
        cost.AllocatedMiB.Add(allocated);
        cost.PeakRssMiB.Add(peak);
    }

    /// <summary>Runs <paramref name="step"/> and reports the managed bytes it allocated and the peak growth of the resident set while it ran.</summary>
    private static T Measure<T>(Func<T> step, out double allocatedMiB, out double peakRssMiB)
    {
        // Aggressive: decommit the free heap so that the step's own peak shows in the resident set.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = ResidentBytes();
        var peak = before;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(TimeSpan.FromMicroseconds(500)))
            {
                peak = Math.Max(peak, ResidentBytes());
            }
        }) { IsBackground = true };
        sampler.Start();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var result = step();
        allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        done.Set();
        sampler.Join();
        peak = Math.Max(peak, ResidentBytes());
        peakRssMiB = (peak - before) / 1048576.0;
        return result;
    }

    /// <summary>The resident set from /proc/self/statm (pages × page size), cheap enough to sample.</summary>
    private static long ResidentBytes()
    {
        if (!File.Exists("/proc/self/statm"))
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0 || values.Any(double.IsNaN))
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
