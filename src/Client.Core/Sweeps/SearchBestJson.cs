using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// <c>best.json</c> of a search's results: the configuration with the best objective (<see cref="SearchBest"/>, the
/// rule the coordinator refits by), its refit on all labelled data when the sweep has one, and what the whole
/// search cost (every epoch and second of the search and the refit).
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

        var best = SearchBest.Of(objective, sweep.Trials, t => ObjectiveOf(objective, t, epochs.GetValueOrDefault(t.Spec.Id) ?? []));
        var refit = RefitOf(sweep);
        double? seconds = sweep.FinishedAt is { } end ? (end - sweep.SubmittedAt).TotalSeconds : null;
        return JsonSerializer.Serialize(
            new
            {
                @params = best?.Trial.Spec.SearchParameters.ToDictionary(p => p.Name, p => Value(p.Value)),
                objective = best?.Objective,
                metric = objective.Metric,
                mode = objective.Mode,
                trial = best?.Trial.Spec.Id,
                testAccuracy = best?.Trial.TestAccuracy,
                refit = refit is null ? null : new { testAccuracy = refit.TestAccuracy, stopEpoch = refit.StopEpoch, trial = refit.Spec.Id, state = refit.State.ToString() },

                // Every trial's epochs and the wall time from submission to the end: the search and its refit.
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
        return SearchBest.AtEnd(
            trial.StopEpoch,
            records.Select(r => (r.Epoch, objective.Metric == SearchObjectives.ValidationLoss ? r.Losses.Validation : r.Losses.ValidationAccuracy)));
    }

    /// <summary>
    /// summary.md's line comparing the refit with the search trial it refitted (test accuracy of each), or null
    /// when the sweep has no refit trial.
    /// </summary>
    public static string? RefitLine(SweepStatus sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (RefitOf(sweep) is not { } refit)
        {
            return null;
        }

        var source = sweep.Trials.FirstOrDefault(t => t.Spec.SearchNumber == refit.Spec.RefitOf);
        var ended = refit.State.IsFinal()
            ? string.Create(CultureInfo.InvariantCulture, $"{refit.State.ToString().ToLowerInvariant()} at epoch {refit.StopEpoch?.ToString(CultureInfo.InvariantCulture) ?? "–"} by {refit.Spec.Stopping.Describe()}")
            : refit.State.ToString().ToLowerInvariant();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"**Refit** of the best search trial ({refit.Spec.RefitOf}, `{source?.Spec.Id ?? "?"}`, test accuracy {Percent(source?.TestAccuracy)}) on all labelled data, hold-out included: test accuracy **{Percent(refit.TestAccuracy)}** ({ended}; trial `{refit.Spec.Id}`).");
    }

    private static TrialStatus? RefitOf(SweepStatus sweep) => sweep.Trials.FirstOrDefault(t => t.Spec.IsRefit);

    private static string Percent(double? accuracy) => accuracy is double a ? (a * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–";

    private static object Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
}
