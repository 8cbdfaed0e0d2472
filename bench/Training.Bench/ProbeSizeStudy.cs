using System.Globalization;
using Spectre.Console;

namespace Orchestrator.Training.Bench;

/// <summary>
/// How TOP's stop epoch and the accuracy at the stop change with the probe size (250, 500, 1000, 2000) on
/// Fashion-MNIST 10 %, through the real <c>train</c> process, seeds 0…S−1, and what each probe costs on the path.
/// Usage: <c>Training.Bench --probe-sizes [SEEDS] [MAX_EPOCHS]</c>.
/// </summary>
internal static class ProbeSizeStudy
{
    private static readonly int[] Sizes = [250, 500, 1000, 2000];

    public static int Run(int seeds, int maxEpochs)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        var worker = WorkerTrainRun.WorkerPath();
        var runs = Sizes.ToDictionary(s => s, _ => new List<WorkerTrainRun.Report>());
        for (var seed = 0; seed < seeds; seed++)
        {
            foreach (var size in Sizes)
            {
                AnsiConsole.MarkupLineInterpolated($"seed {seed}, probe {size}");
                runs[size].Add(WorkerTrainRun.Run(worker, ["--dataset", "fashion-mnist", "--fraction", "0.1", "--epochs", maxEpochs.ToString(CultureInfo.InvariantCulture), "--stop", "top", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--probe-size", size.ToString(CultureInfo.InvariantCulture)]));
            }
        }

        var reference = runs[1000];
        var table = new Table().Title($"TOP's stop epoch by probe size (Fashion-MNIST 10 %, MLP, CPU, seeds 0–{seeds - 1}, max {maxEpochs} epochs)")
            .AddColumns("probe", "stop epochs by seed", "mean stop", "mean |Δ stop| vs 1000", "mean test accuracy", "probe ms (median)", "connectome ms (median)", "on-path ms (median)");
        foreach (var size in Sizes)
        {
            var r = runs[size];
            var epochs = r.SelectMany(x => x.Epochs.Skip(1)).ToList();
            table.AddRow(
                size.ToString(CultureInfo.InvariantCulture),
                string.Join(" ", r.Select(x => x.StopEpoch)),
                r.Average(x => x.StopEpoch).ToString("0.0", CultureInfo.InvariantCulture),
                r.Zip(reference, (a, b) => Math.Abs(a.StopEpoch - b.StopEpoch)).Average().ToString("0.0", CultureInfo.InvariantCulture),
                r.Average(x => x.TestAccuracy ?? double.NaN).ToString("0.0000", CultureInfo.InvariantCulture),
                (WorkerTrainRun.Median(epochs.Select(e => e.Probe)) * 1000).ToString("0.0", CultureInfo.InvariantCulture),
                (WorkerTrainRun.Median(epochs.Select(e => e.Connectome)) * 1000).ToString("0.0", CultureInfo.InvariantCulture),
                (WorkerTrainRun.Median(epochs.Select(e => e.OnPath)) * 1000).ToString("0.0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
