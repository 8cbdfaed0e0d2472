using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Orchestrator.Training.Bench;

/// <summary>
/// Runs 50 epochs of the Fashion-MNIST MLP (10 %) and prints the process's resident memory every
/// 10 epochs: the "50 epochs must not grow memory" as a measurement.
/// </summary>
internal static class MemoryGrowthCheck
{
    public static int Run(int epochs)
    {
        using var session = TrainingSession.Create(new TrainingSettings("fashion-mnist", 0.1, "mlp-fashion"));
        var table = new Table().Title($"resident memory over {epochs} epochs (mlp-fashion, 6,000 samples, probe 1,000)").AddColumns("epoch", "RSS MiB", "managed MiB");
        using var process = Process.GetCurrentProcess();
        for (var e = 1; e <= epochs; e++)
        {
            session.RunEpoch();
            if (e == 1 || e % 10 == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                table.AddRow(
                    e.ToString(CultureInfo.InvariantCulture),
                    (process.WorkingSet64 / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture),
                    (GC.GetTotalMemory(false) / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture));
            }
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
