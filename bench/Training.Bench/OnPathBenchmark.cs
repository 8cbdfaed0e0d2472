using System.Globalization;
using Spectre.Console;

namespace Orchestrator.Training.Bench;

/// <summary>
/// What each method's monitoring costs the training loop, through the real <c>train</c> process: Fashion-MNIST
/// 10 %, MLP 784-256-128-10, batch 50, CPU. TOP (concurrent, and synchronous for comparison), VL, FP, NP and none
/// run in alternating rounds in one run; per method the median over epochs 2… of the on-path monitoring
/// (<c>seconds.monitoringOnPath</c>), the total monitoring work (wherever it ran) and the loop's epoch
/// (training + on-path). Usage: <c>Training.Bench --on-path [EPOCHS] [ROUNDS]</c>.
/// </summary>
internal static class OnPathBenchmark
{
    private static readonly (string Label, string Stop, string[] Extra)[] Methods =
    [
        ("TOP (concurrent)", "top:patience=1000", []),
        ("TOP (synchronous)", "top:patience=1000", ["--synchronous-monitoring"]),
        ("VL", "vl:patience=1000", []),
        ("FP", "fp:patience=1000", []),
        ("NP", "np:patience=1000", []),
        ("none", "none", []),
    ];

    public static int Run(int epochs, int rounds)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        var worker = WorkerTrainRun.WorkerPath();
        var results = Methods.Select(_ => new List<WorkerTrainRun.Epoch>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var m = 0; m < Methods.Length; m++)
            {
                var (label, stop, extra) = Methods[m];
                AnsiConsole.MarkupLineInterpolated($"round {round + 1}/{rounds}: {label}");
                var report = WorkerTrainRun.Run(worker, ["--dataset", "fashion-mnist", "--fraction", "0.1", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--stop", stop, "--seed", round.ToString(CultureInfo.InvariantCulture), .. extra]);
                results[m].AddRange(report.Epochs.Skip(1));
            }
        }

        var vl = WorkerTrainRun.Median(results[2].Select(e => e.OnPath));
        var table = new Table().Title($"monitoring per epoch through `train` (Fashion-MNIST 10 %, CPU, median over {rounds} × {epochs - 1} epochs after the first; TOP/FP/NP/none train on 6,000 images, VL on 4,800 + 1,200 held out)")
            .AddColumns("method", "on-path monitoring ms", "of which probe ms", "total monitoring ms", "loop epoch s (train + on-path)", "on-path vs VL", "target TOP ≤ VL");
        for (var m = 0; m < Methods.Length; m++)
        {
            var e = results[m];
            var onPath = WorkerTrainRun.Median(e.Select(x => x.OnPath));
            var total = WorkerTrainRun.Median(e.Select(x => x.Monitoring + x.Validation));
            table.AddRow(
                Methods[m].Label,
                Ms(onPath),
                Ms(WorkerTrainRun.Median(e.Select(x => x.Probe))),
                Ms(total),
                WorkerTrainRun.Median(e.Select(x => x.Train + x.OnPath)).ToString("0.000", CultureInfo.InvariantCulture),
                (onPath / vl).ToString("0.00", CultureInfo.InvariantCulture) + "×",
                m == 0 ? (onPath <= vl ? "met" : "missed") : "–");
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture);
}
