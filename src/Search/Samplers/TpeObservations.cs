namespace Orchestrator.Search.Samplers;

/// <summary>
/// The trials TPE learns from, ranked best first, and the good/bad split. Ranking follows Optuna: completed
/// trials by objective, then pruned trials by how far they got (later first) and then their last reported
/// value, so a pruned trial lands among the bad unless there are too few completed ones. Running and failed
/// trials are left out: a running trial has no final value, a failed one's values are not to be trusted.
/// </summary>
internal static class TpeObservations
{
    /// <summary>Optuna's cap on the good group, however many trials there are.</summary>
    public const int MaxGood = 25;

    /// <summary>Trials TPE can learn from: completed with a finite objective, or pruned with a finite last report.</summary>
    public static bool IsUsable(TrialRecord trial) => trial.State switch
    {
        TrialState.Completed => trial.Objective is double o && double.IsFinite(o),
        TrialState.Pruned => trial.LastReport is { } last && double.IsFinite(last.Value),
        _ => false,
    };

    /// <summary>
    /// Splits the usable trials that have a value of <paramref name="parameter"/> within its distribution
    /// (a trial from before the space was edited may not) into good (the best ⌈γ·n⌉, at most 25) and bad;
    /// each group is returned in trial order, which is what the weights are indexed by.
    /// </summary>
    public static (IReadOnlyList<TrialRecord> Good, IReadOnlyList<TrialRecord> Bad) Split(
        IEnumerable<TrialRecord> usable, SearchParameter parameter, double gamma, ObjectiveDirection direction)
    {
        var ranked = usable
            .Where(t => t.Parameters[parameter.Name] is { } value && parameter.Distribution.Contains(value))
            .OrderBy(t => t.State == TrialState.Completed ? 0 : 1)
            .ThenBy(t => t.State == TrialState.Completed ? 0 : -t.LastReport!.Step)
            .ThenBy(t => direction.AsLoss(t.State == TrialState.Completed ? t.Objective!.Value : t.LastReport!.Value))
            .ThenBy(t => t.Number)
            .ToList();
        var good = Math.Min((int)Math.Ceiling(gamma * ranked.Count), MaxGood);
        return ([.. ranked.Take(good).OrderBy(t => t.Number)], [.. ranked.Skip(good).OrderBy(t => t.Number)]);
    }

    /// <summary>
    /// Optuna's default weights for n observations in trial order: all 1 up to 25, beyond that the newest
    /// 25 weigh 1 and the older ones ramp linearly from 1/n up, so the estimate follows a moving search.
    /// </summary>
    public static double[] Weights(int n)
    {
        if (n <= MaxGood)
        {
            return Enumerable.Repeat(1.0, n).ToArray();
        }

        var rampCount = n - MaxGood;
        var ramp = rampCount == 1
            ? [1.0 / n]
            : Enumerable.Range(0, rampCount).Select(i => (1.0 / n) + ((1.0 - (1.0 / n)) * i / (rampCount - 1)));
        return [.. ramp, .. Enumerable.Repeat(1.0, MaxGood)];
    }
}
