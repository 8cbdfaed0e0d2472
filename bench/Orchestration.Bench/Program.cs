using System.Globalization;
using Orchestration.Bench;
using Spectre.Console;

// Orchestration benchmarks (bench/README.md, section "Orchestration"). Args: [--quick] | --scale TRIALS
var quick = args.Contains("--quick");
var checkpoints = Path.Combine(Path.GetTempPath(), "orchestration-bench", Guid.NewGuid().ToString("N"));
var culture = CultureInfo.InvariantCulture;
if (Array.IndexOf(args, "--scale") is var at and >= 0)
{
    // Issue 16's scale run alone (bench/README.md, "Scale"): one sweep of TRIALS tiny trials on Redis storage.
    var trials = at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, culture, out var n) && n > 0 ? n : 10_000;
    AnsiConsole.Write(await ScaleBench.RunAsync(trials, checkpoints));
    if (Directory.Exists(checkpoints))
    {
        Directory.Delete(checkpoints, recursive: true);
    }

    return;
}

var overhead = new Table().Title("Orchestration per epoch (topology grain Observe round trip: bytes transfer, decomposition, distance, criterion, persisted series)");
overhead.AddColumns("silos", "neurons n", "connectome bytes", "median ms", "p95 ms", "of which topology math (median ms)");
var scheduling = new Table().Title("Scheduling and status");
scheduling.AddColumns("measure", "silos", "value");
int[] sizes = quick ? [256] : [256, 512, 1024];
var epochs = quick ? 8 : 20;
foreach (var silos in new[] { 1, 2 })
{
    await using var cluster = await BenchCluster.StartAsync(silos, checkpoints, slots: 4);
    foreach (var n in sizes)
    {
        var (median, p95, topology) = await OverheadBench.RunAsync(cluster, n, epochs);
        overhead.AddRow(silos.ToString(culture), n.ToString(culture), (4L * n * (n - 1) / 2).ToString("N0", culture), median.ToString("F2", culture), p95.ToString("F2", culture), topology.ToString("F2", culture));
    }

    var trials = quick ? 100 : 500;
    var (perSecond, seconds, ended) = await SchedulingBench.ThroughputAsync(cluster, trials, concurrency: 8);
    var outcome = string.Join(", ", ended.GroupBy(t => t.State).Select(g => $"{g.Count()} {g.Key}"));
    if (ended.FirstOrDefault(t => t.State == Orchestrator.Contracts.TrialState.Failed) is { } failed)
    {
        outcome += $"; first failure: {failed.Reason}";
    }

    scheduling.AddRow(Markup.Escape($"{trials} tiny trials, concurrency 8: trials ended per second ({outcome})"), silos.ToString(culture), $"{perSecond:F1}/s ({seconds:F1} s)");
    if (silos == 1)
    {
        var statusTrials = quick ? 2_000 : 10_000;
        var (median, p95, count) = await SchedulingBench.StatusLatencyAsync(cluster, statusTrials, quick ? 20 : 50);
        scheduling.AddRow($"GetStatus of a sweep with {count:N0} trials: median / p95", silos.ToString(culture), $"{median:F1} ms / {p95:F1} ms");
    }
}

AnsiConsole.Write(overhead);
AnsiConsole.Write(scheduling);
AnsiConsole.MarkupLine("Compare the per-epoch cost with the training epoch of the Fashion-MNIST MLP (bench of src/Training): target ≤ 5 %.");
if (Directory.Exists(checkpoints))
{
    Directory.Delete(checkpoints, recursive: true);
}
