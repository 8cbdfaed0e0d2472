using System.Text.Json;

namespace Orchestrator.Client.Core.Reports;

/// <summary>One trial of a search with its objective (null when it has none: no hold-out epoch, or not finite).</summary>
internal sealed record SearchTrial(TrialResult Trial, int Number, double? Objective)
{
    /// <summary>Ended normally (its criterion or maxEpochs): the trials best.json chooses from.</summary>
    public bool Finished => Trial.State is "Stopped" or "Completed";

    /// <summary>Trials that count on the Pareto front: they ended normally or were pruned, and have an objective.</summary>
    public bool OnTheRecord => Objective is not null && (Finished || Trial.State == "Pruned");
}

/// <summary>
/// A search's results read from its folder: the space (sweep.json's <c>space</c>), the objective, each search
/// trial's objective from epochs.csv, and best.json. A trial's objective is its hold-out metric at its stop epoch
/// (a criterion's stop restores that epoch's model; a pruned trial's stop epoch is the one the scheduler judged it at), or
/// at its last recorded epoch when that epoch is not in epochs.csv — the rule best.json is chosen by.
/// </summary>
internal sealed record SearchResults(
    string? Metric,
    bool Maximize,
    IReadOnlyList<SampledParameter> Parameters,
    IReadOnlyList<SearchTrial> Trials,
    SearchBest? Best,
    int MaxEpochs)
{
    /// <summary>Epochs the refit trial trained (<c>search_trial</c> <c>refit</c> in trials.csv); null when there is none.</summary>
    public int? RefitEpochs { get; init; }

    /// <summary>The refit's stopping method as trials.csv names it (<c>top(patience=2)</c>); null when there is no refit row.</summary>
    public string? RefitMethod { get; init; }

    /// <summary>"validation accuracy (max)" or "validation loss (min)".</summary>
    public string ObjectiveLabel => Metric is null ? "no objective" : $"{Metric.Replace('_', ' ')} ({(Maximize ? "max" : "min")})";

    /// <summary>The objective as shown: accuracy in %, loss as it is.</summary>
    public double Shown(double objective) => Metric == "validation_accuracy" ? objective * 100 : objective;

    /// <summary>The axis label of the shown objective.</summary>
    public string ShownLabel => Metric == "validation_accuracy" ? "validation accuracy (%)" : Metric?.Replace('_', ' ') ?? "objective";

    /// <summary>The trials best.json chooses from with an objective, by trial number, each with the best so far.</summary>
    public IReadOnlyList<(SearchTrial Trial, double BestSoFar)> BestSoFar()
    {
        var result = new List<(SearchTrial, double)>();
        double? best = null;
        foreach (var trial in Trials.Where(t => t.Finished && t.Objective is not null).OrderBy(t => t.Number))
        {
            var value = trial.Objective!.Value;
            best = best is not { } b ? value : Maximize ? Math.Max(b, value) : Math.Min(b, value);
            result.Add((trial, best.Value));
        }

        return result;
    }

    /// <summary>The Pareto front of objective against epochs trained (<see cref="ParetoFront"/>).</summary>
    public IReadOnlyList<SearchTrial> Front() =>
        ParetoFront.Of(Trials.Where(t => t.OnTheRecord), t => t.Trial.EpochsRun, t => t.Objective!.Value, Maximize);

    /// <summary>The search of <paramref name="results"/>, or null when its sweep.json has no <c>space</c>.</summary>
    public static SearchResults? Of(ResultsFolder results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var path = Path.Combine(results.Directory, "sweep.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var definition = root.TryGetProperty("definition", out var legacy) ? legacy : root;
        if (!definition.TryGetProperty("space", out var space))
        {
            return null;
        }

        string? metric = null;
        var maximize = true;
        if (definition.TryGetProperty("objective", out var objective) && objective.ValueKind == JsonValueKind.Object && objective.TryGetProperty("metric", out var m))
        {
            metric = m.GetString();
            maximize = objective.TryGetProperty("mode", out var mode) ? mode.GetString() == "max" : metric != "validation_loss";
        }

        var trials = results.Trials
            .Where(t => t.SearchNumber is not null)
            .Select(t => new SearchTrial(t, t.SearchNumber!.Value, ObjectiveOf(metric, t, results.EpochsOf(t.Id))))
            .OrderBy(t => t.Number)
            .ToList();
        var refits = results.Trials.Where(t => t.IsRefit).ToList();
        return new SearchResults(metric, maximize, SampledParameters.Of(space), trials, SearchBest.Load(results.Directory), results.MaxEpochs)
        {
            RefitEpochs = refits.Count > 0 ? refits.Sum(t => t.EpochsRun) : null,
            RefitMethod = refits.FirstOrDefault()?.Method,
        };
    }

    /// <summary>The trial's hold-out metric at its stop epoch, else at its last recorded epoch; null when not finite.</summary>
    public static double? ObjectiveOf(string? metric, TrialResult trial, IReadOnlyList<EpochResult> epochs)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(epochs);
        var epoch = epochs.LastOrDefault(e => e.Epoch == trial.StopEpoch) ?? epochs.LastOrDefault();
        var value = epoch is null ? null : metric switch
        {
            "validation_accuracy" => epoch.ValidationAccuracy,
            "validation_loss" => epoch.ValidationLoss,
            _ => null,
        };
        return value is double v && double.IsFinite(v) ? v : null;
    }
}
