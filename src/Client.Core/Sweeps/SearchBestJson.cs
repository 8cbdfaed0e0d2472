using System.Text.Json;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// <c>best.json</c> of a search's results: the configuration with the best objective among the trials that ended
/// normally (stopped by their criterion or at <c>maxEpochs</c>; pruned and failed ones are behind by definition or
/// have no value), and what the whole search cost.
/// </summary>
public static class SearchBestJson
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The file's text, or null when the sweep is not a search with an objective.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="epochs">Each trial's epoch records, by trial id: the objective is read from them at the trial's last epoch.</param>
    public static string? Write(SweepStatus sweep, IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> epochs)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(epochs);
        if (sweep.Definition is not { Search: not null, Objective: { } objective })
        {
            return null;
        }

        var maximize = objective.Mode == "max";
        var candidates = sweep.Trials
            .Where(t => t.State is TrialState.Stopped or TrialState.Completed && t.Spec.SearchNumber is not null)
            .Select(t => (Trial: t, Value: ObjectiveOf(objective, t, epochs.GetValueOrDefault(t.Spec.Id) ?? [])))
            .Where(c => c.Value is not null)
            .ToList();
        var best = candidates.Count == 0 ? default : maximize ? candidates.MaxBy(c => c.Value) : candidates.MinBy(c => c.Value);
        double? seconds = sweep.FinishedAt is { } end ? (end - sweep.SubmittedAt).TotalSeconds : null;
        return JsonSerializer.Serialize(
            new
            {
                @params = best.Trial?.Spec.SearchParameters.ToDictionary(p => p.Name, p => Value(p.Value)),
                objective = best.Value,
                metric = objective.Metric,
                mode = objective.Mode,
                trial = best.Trial?.Spec.Id,
                testAccuracy = best.Trial?.TestAccuracy,
                epochsTotal = sweep.Trials.Sum(t => t.EpochsRun),
                seconds = seconds is double s ? Math.Round(s, 3) : (double?)null,
            },
            Json) + "\n";
    }

    /// <summary>The trial's objective at the epoch it ended on (a criterion's stop restores that epoch's model).</summary>
    public static double? ObjectiveOf(SweepObjective objective, TrialStatus trial, IReadOnlyList<EpochRecord> records)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(records);
        var record = records.LastOrDefault(r => r.Epoch == trial.StopEpoch) ?? records.LastOrDefault();
        var value = record is null ? null : objective.Metric == "validation_loss" ? record.Losses.Validation : record.Losses.ValidationAccuracy;
        return value is double v && double.IsFinite(v) ? v : null;
    }

    private static object Value(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : text;
}
