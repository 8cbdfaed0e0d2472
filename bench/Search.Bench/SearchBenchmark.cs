using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Orchestrator.Search.Bench;

/// <summary>
/// Issue 13's peer benchmark: on Fashion-MNIST 10 % with the paper's MLP, 20 TPE trials of at most 30 epochs over lr
/// loguniform [1e-3, 0.3], momentum uniform [0.5, 0.99] and batch size {32, 50, 128}, objective the hold-out accuracy:
/// Optuna 3.1 (TPESampler(seed) with MedianPruner and with none) against ours (tpe + median / asha, each without and
/// with TOP, optionally the label-free refit), one study after another (never two at once, so wall seconds compare),
/// each side with the same Torch thread count, on the one split <see cref="SharedSplit"/> writes.
/// </summary>
internal static class SearchBenchmark
{
    public static int Run(string[] args)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 250);
        var options = BenchOptions.Parse(args);
        if (options.Table is { } log)
        {
            ResultTable.Write(Read(log));
            return 0;
        }

        if (!File.Exists(options.Worker))
        {
            throw new FileNotFoundException($"the built worker was not found ({options.Worker})");
        }

        var work = Directory.CreateTempSubdirectory("orchestrator-bench-search-");
        try
        {
            var (train, holdOut, test) = SharedSplit.Write(work.FullName);
            AnsiConsole.MarkupLineInterpolated($"split: {train} train + {holdOut} hold-out (Fashion-MNIST 10 %, trial seed 0), {test} test; {options.Threads} Torch thread(s) per side; load average {LoadAverage()}");
            var results = new List<StudyResult>();
            foreach (var seed in options.Seeds)
            {
                foreach (var configuration in options.Configurations)
                {
                    var refit = configuration == options.Refit;
                    AnsiConsole.MarkupLineInterpolated($"{DateTime.UtcNow:HH:mm:ss} seed {seed}: {configuration.Name}{(refit ? ResultTable.RefitSuffix : string.Empty)} (load average {LoadAverage()})");
                    var result = configuration.Optuna
                        ? OptunaStudy.Run(configuration, options, work.FullName, seed)
                        : OurStudy.Run(configuration, options, work.FullName, seed, refit, (train, holdOut));
                    AnsiConsole.MarkupLineInterpolated($"  {result.SearchEpochs} epochs (+{result.RefitEpochs} refit), {result.WallSeconds:0} s, best val {result.BestValidation:0.0000}, test {result.TestAccuracy:0.0000}, refit {result.RefitTestAccuracy:0.0000}; {result.Trials}; {result.Chosen}");
                    results.Add(result);
                    if (options.Log is { } path)
                    {
                        File.AppendAllText(path, JsonSerializer.Serialize(result) + "\n");
                    }
                }
            }

            ResultTable.Write(results);
            AnsiConsole.MarkupLineInterpolated($"load average at end {LoadAverage()} ({Environment.ProcessorCount} cores, shared: the seconds depend on the load, the epochs and accuracies do not)");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<StudyResult> Read(string log) =>
        [.. File.ReadAllLines(log).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<StudyResult>(l)!)];

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
