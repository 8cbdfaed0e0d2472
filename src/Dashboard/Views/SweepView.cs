using Orchestrator.Contracts;

namespace Orchestrator.Dashboard.Views;

/// <summary>A sweep's summary row (the sweeps page) and, with <see cref="Trials"/>, its whole table (the sweep page).</summary>
public sealed record SweepView(
    string Id,
    string State,
    bool Live,
    DateTime SubmittedAt,
    DateTime? FinishedAt,
    int TrialCount,
    int Finished,
    int Running,
    int Pending,
    int EpochsRun,
    int EpochsSaved,
    double? BestTestAccuracy,
    string? BestTrialId,
    string? BestConfiguration,
    IReadOnlyList<TrialView> Trials)
{
    public static SweepView Of(SweepStatus sweep, bool live, bool withTrials)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var trials = sweep.Trials.Select(TrialView.Of).ToList();
        var best = trials.Where(t => t.TestAccuracy is not null).MaxBy(t => t.TestAccuracy);
        return new SweepView(
            sweep.SweepId, sweep.State.ToString(), live, sweep.SubmittedAt, sweep.FinishedAt, trials.Count, sweep.FinishedTrials,
            sweep.Count(TrialState.Running), sweep.Count(TrialState.Pending), trials.Sum(t => t.EpochsRun), trials.Sum(t => t.EpochsSaved),
            best?.TestAccuracy, best?.Id, best is null ? null : Configuration(best), withTrials ? trials : []);
    }

    /// <summary>The parameters that make a trial what it is, in words.</summary>
    public static string Configuration(TrialView t) =>
        FormattableString.Invariant($"{t.Method}, fraction {t.Fraction}, lr {t.LearningRate}, momentum {t.Momentum}, batch {t.BatchSize}, weight decay {t.WeightDecay}, width {t.Width}, seed {t.Seed}");
}
