using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Search.Bench;

/// <summary>The peer: <c>optuna_study.py</c> under Debian's <c>/usr/bin/python3</c> (python3-optuna 3.1, python3-torch).</summary>
internal static class OptunaStudy
{
    public static StudyResult Run(StudyConfiguration configuration, BenchOptions options, string data, int seed)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "optuna_study.py");
        var arguments = new[] { script, data, I(seed), configuration.Scheduler, I(options.Trials), I(options.MaxEpochs), I(options.Threads) };
        var environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = I(options.Threads) };
        var (stdout, seconds) = ChildProcess.Run(options.Python, arguments, environment);
        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        var best = root.GetProperty("best");
        var states = root.GetProperty("trials").EnumerateArray().GroupBy(t => t.GetProperty("state").GetString()!.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var parameters = best.GetProperty("params");
        var chosen = string.Create(
            CultureInfo.InvariantCulture,
            $"#{best.GetProperty("number").GetInt32()}: lr {parameters.GetProperty("lr").GetDouble():0.####}, momentum {parameters.GetProperty("momentum").GetDouble():0.###}, batch {parameters.GetProperty("batchSize").GetInt32()}");
        return new StudyResult(
            configuration.Name, seed, root.GetProperty("epochsTotal").GetInt32(), 0, seconds,
            best.GetProperty("value").GetDouble(), best.GetProperty("testAccuracy").GetDouble(), null, null,
            string.Join(", ", states), chosen);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
