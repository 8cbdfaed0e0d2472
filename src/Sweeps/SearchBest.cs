using Orchestrator.Contracts;

namespace Orchestrator.Sweeps;

/// <summary>
/// The best trial of a search, by one rule for everyone who needs it: the coordinator (which refits it) and
/// <c>best.json</c> (which reports it). Candidates are the search trials that ended normally (stopped by their
/// criterion or at <c>maxEpochs</c>): pruned ones are behind by definition, failed ones have no value. Each is
/// judged by its objective at the epoch it ended on (a criterion's stop restores that epoch's model); ties go to
/// the earlier proposal, so the choice does not depend on the order trials are listed in.
/// </summary>
public static class SearchBest
{
    /// <summary>The best search trial with its objective, or null when no trial ended normally with a finite objective.</summary>
    /// <param name="objective">The search's objective (its mode says whether larger or smaller is better).</param>
    /// <param name="trials">Every trial of the sweep (grid and refit trials are not candidates).</param>
    /// <param name="objectiveOf">A trial's objective at the epoch it ended on (<see cref="AtEnd"/>).</param>
    public static (TrialStatus Trial, double Objective)? Of(SweepObjective objective, IEnumerable<TrialStatus> trials, Func<TrialStatus, double?> objectiveOf)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objectiveOf);
        var maximize = objective.Mode != "min";
        (TrialStatus Trial, double Objective)? best = null;
        foreach (var trial in trials.Where(t => t.State is TrialState.Stopped or TrialState.Completed && t.Spec.SearchNumber is not null)
                     .OrderBy(t => t.Spec.SearchNumber))
        {
            if (objectiveOf(trial) is not double value || !double.IsFinite(value))
            {
                continue;
            }

            if (best is not { } held || (maximize ? value > held.Objective : value < held.Objective))
            {
                best = (trial, value);
            }
        }

        return best;
    }

    /// <summary>
    /// The objective a trial ended with: its value at <paramref name="stopEpoch"/> when that epoch was measured,
    /// else at its last measured epoch; null when none was.
    /// </summary>
    /// <param name="stopEpoch">The epoch the trial ended on (<see cref="TrialStatus.StopEpoch"/>).</param>
    /// <param name="values">The trial's objective per epoch, in any order.</param>
    public static double? AtEnd(int? stopEpoch, IEnumerable<(int Epoch, double? Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var measured = values.Where(v => v.Value is double d && double.IsFinite(d)).OrderBy(v => v.Epoch).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        return stopEpoch is int stop && measured.FindLast(v => v.Epoch == stop) is { Value: double atStop } ? atStop : measured[^1].Value;
    }
}
