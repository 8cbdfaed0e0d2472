using Orchestrator.Search.Samplers;

namespace Orchestrator.Search.Tests;

/// <summary>
/// A training-free objective on <see cref="SearchSpaces.Mixed"/> with a known optimum (regret 0 at
/// lr = 0.01, dropout = 0.1, width = 128, layers = 2, optimizer = adam), and a sequential ask/tell loop that
/// runs a whole search against it in microseconds per trial.
/// </summary>
internal static class SyntheticObjective
{
    /// <summary>How far <paramref name="c"/> is from the optimum: 0 there, growing with each parameter's distance.</summary>
    public static double Regret(Configuration c)
    {
        var lr = Math.Log10(c["lr"]!.AsNumber()) + 2;
        var dropout = (c["dropout"]!.AsNumber() - 0.1) / 0.25;
        var width = (Math.Log2(c["width"]!.AsNumber()) - 7) / 2;
        var layers = (c["layers"]!.AsNumber() - 2) / 2;
        var optimizer = c["optimizer"]!.Text switch
        {
            "adam" => 0.0,
            "sgd" => 0.3 + Math.Abs(c["momentum"]!.AsNumber() - 0.9),
            _ => 0.6,
        };
        return (lr * lr) + (dropout * dropout) + (width * width) + (layers * layers) + optimizer;
    }

    /// <summary>
    /// Runs <paramref name="trials"/> trials one after another and returns every configuration with its regret.
    /// For <see cref="ObjectiveDirection.Maximize"/> the reported objective is −regret, so both directions
    /// search for the same optimum.
    /// </summary>
    public static List<(Configuration Configuration, double Regret)> Search(
        ISampler sampler, int seed, int trials, ObjectiveDirection direction = ObjectiveDirection.Minimize)
    {
        var history = StudyHistory.Empty(direction);
        var results = new List<(Configuration, double)>();
        for (var i = 0; i < trials; i++)
        {
            var configuration = sampler.Propose(SearchSpaces.Mixed, seed, history)!;
            var regret = Regret(configuration);
            var objective = direction == ObjectiveDirection.Minimize ? regret : -regret;
            history = history.With(new TrialRecord(history.NextTrialNumber, configuration, TrialState.Completed, objective));
            results.Add((configuration, regret));
        }

        return results;
    }
}
