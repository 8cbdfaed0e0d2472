using System.Globalization;

namespace Orchestrator.Search.Bench;

/// <summary>
/// <c>[--seeds 0,1,2] [--configs 1,2,…] [--refit N] [--trials 20] [--max-epochs 30] [--threads 1] [--python /usr/bin/python3]
/// [--log FILE] [--table FILE]</c>. <c>--configs</c> numbers rows of <see cref="StudyConfiguration.All"/> (1-based);
/// <c>--refit N</c> adds the label-free refit to configuration N (ours); <c>--log</c> appends each study as a JSON
/// line as it ends; <c>--table FILE</c> prints the tables from such a log without running anything.
/// </summary>
internal sealed record BenchOptions(
    IReadOnlyList<int> Seeds, IReadOnlyList<StudyConfiguration> Configurations, StudyConfiguration? Refit, int Trials, int MaxEpochs, int Threads,
    string Python, string? Log, string? Table, string Cli, string Worker)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int[] Ints(string? text, int[] fallback) => text is null ? fallback : [.. text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        StudyConfiguration Pick(int number) => number >= 1 && number <= StudyConfiguration.All.Count
            ? StudyConfiguration.All[number - 1]
            : throw new ArgumentException($"configuration {number} does not exist; allowed 1–{StudyConfiguration.All.Count}");
        var configurations = Ints(Get("--configs"), [.. Enumerable.Range(1, StudyConfiguration.All.Count)]).Select(Pick).ToList();
        var refit = Get("--refit") is { } r ? Pick(int.Parse(r, CultureInfo.InvariantCulture)) : null;
        if (refit is { Optuna: true })
        {
            throw new ArgumentException("--refit names one of ours: Optuna has no refit");
        }

        var worker = WorkerPath();
        var cli = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(worker)!)!, "client", "orchestrator.dll");
        return new BenchOptions(
            Ints(Get("--seeds"), [0, 1, 2]), configurations, refit,
            Ints(Get("--trials"), [20])[0], Ints(Get("--max-epochs"), [30])[0], Ints(Get("--threads"), [1])[0],
            Get("--python") ?? "/usr/bin/python3", Get("--log"), Get("--table"), cli, worker);
    }

    /// <summary>The built worker (<c>.build/silo</c> above this harness, or <c>ORCHESTRATOR_SILO_PATH</c>).</summary>
    private static string WorkerPath()
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

        return "(not built: run ./orchestrator --help once, or set ORCHESTRATOR_SILO_PATH)";
    }
}
