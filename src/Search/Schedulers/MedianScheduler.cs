using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Orchestrator.Search.Schedulers;

/// <summary>
/// Median stopping exactly as Optuna 3.1's <c>MedianPruner</c> (<c>PercentilePruner</c> at 50 % with
/// <c>n_min_trials</c> 1): at epoch t a trial is pruned when its best objective over every epoch it reported is
/// strictly worse than the median of the values the <em>completed</em> trials reported at exactly epoch t.
/// Pruned, running and failed trials never count — the pruned ones are the bad ones, and counting them pulled
/// the median down so far that the rule pruned much less than Optuna's (issue 13's benchmark). Nothing is pruned
/// until <see cref="MinTrials"/> trials have completed (Optuna's <c>n_startup_trials</c>), within the first
/// <see cref="WarmUpSteps"/> epochs (<c>n_warmup_steps</c>; Optuna counts steps from 0, we count epochs from 1,
/// so epoch e is Optuna's step e − 1), or between the checks every <see cref="IntervalSteps"/> epochs after the
/// warm-up (<c>interval_steps</c>; a check missed for want of a report happens at the next report).
/// </summary>
public sealed class MedianScheduler : ITrialScheduler
{
    /// <summary>Default steps never pruned (Optuna's <c>n_warmup_steps</c> default).</summary>
    public const int DefaultWarmUpSteps = 0;

    /// <summary>Default completed trials needed before any pruning (Optuna's <c>n_startup_trials</c> default).</summary>
    public const int DefaultMinTrials = 5;

    /// <summary>Default epochs between checks (Optuna's <c>interval_steps</c> default).</summary>
    public const int DefaultIntervalSteps = 1;

    /// <param name="warmUpSteps">Epochs 1…warmUpSteps are never pruned, ≥ 0.</param>
    /// <param name="minTrials">Completed trials needed before any pruning, ≥ 1.</param>
    /// <param name="intervalSteps">Epochs between pruning checks after the warm-up, ≥ 1.</param>
    public MedianScheduler(int warmUpSteps = DefaultWarmUpSteps, int minTrials = DefaultMinTrials, int intervalSteps = DefaultIntervalSteps)
    {
        WarmUpSteps = ComponentCheck.AtLeast(warmUpSteps, 0, "warmUpSteps");
        MinTrials = ComponentCheck.AtLeast(minTrials, 1, "minTrials");
        IntervalSteps = ComponentCheck.AtLeast(intervalSteps, 1, "intervalSteps");
    }

    /// <inheritdoc />
    public string Name => "median";

    /// <summary>Steps never pruned.</summary>
    public int WarmUpSteps { get; }

    /// <summary>Completed trials needed before any pruning.</summary>
    public int MinTrials { get; }

    /// <summary>Epochs between pruning checks after the warm-up.</summary>
    public int IntervalSteps { get; }

    /// <inheritdoc />
    public PruningDecision Decide(StudyHistory study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastReport is not { } last)
        {
            return PruningDecision.Continue(0, "median: no objective reported yet");
        }

        var step = last.Step;
        var completed = study.Trials.Where(t => t.Number != trial.Number && t.State == TrialState.Completed).ToList();
        if (completed.Count < MinTrials)
        {
            return PruningDecision.Continue(step, $"median: only {completed.Count} trials completed; it needs {MinTrials}");
        }

        if (step <= WarmUpSteps)
        {
            return PruningDecision.Continue(step, $"median: epoch {step} is within the {WarmUpSteps} warm-up epochs");
        }

        if (!IsFirstReportInInterval(trial, step))
        {
            return PruningDecision.Continue(step, $"median: epoch {step} is not a check (every {IntervalSteps} epochs after the {WarmUpSteps} warm-up epochs)");
        }

        // Optuna prunes a trial whose every reported value is NaN (nanmax of nothing is NaN).
        if (trial.BestUpTo(step, study.Direction) is not double best)
        {
            return PruningDecision.Prune(step, $"pruned by median at epoch {step}: no finite objective by epoch {step}");
        }

        // The completed trials' values at exactly this epoch, not their best so far (Optuna's intermediate_values[step]).
        var reported = completed.Select(t => t.ValueAt(step)).OfType<double>().ToList();
        var values = reported.Where(double.IsFinite).ToList();
        if (values.Count == 0)
        {
            return PruningDecision.Continue(step, $"median: none of the {completed.Count} completed trials has a finite objective at epoch {step}");
        }

        var median = values.Median();
        var comparison = string.Create(
            CultureInfo.InvariantCulture,
            $"best objective {ObjectiveText.Of(best)} by epoch {step} against the median {ObjectiveText.Of(median)} of {values.Count} completed trials at epoch {step} ({study.Direction.ToModeName()})");
        return study.Direction.IsBetter(median, best)
            ? PruningDecision.Prune(step, $"pruned by median at epoch {step}: {comparison}")
            : PruningDecision.Continue(step, $"median: kept at epoch {step}: {comparison}");
    }

    /// <summary>
    /// Optuna's <c>_is_first_in_interval_step</c> in its 0-based steps (epoch e is step e − 1): the check runs when
    /// the trial's previous report came before the latest check step at or below this one.
    /// </summary>
    private bool IsFirstReportInInterval(TrialRecord trial, int step)
    {
        var zeroBased = step - 1;
        var latestCheck = (zeroBased - WarmUpSteps) / IntervalSteps * IntervalSteps + WarmUpSteps;
        var previous = trial.Reports.Where(r => r.Step != step).Select(r => r.Step - 1).DefaultIfEmpty(-1).Max();
        return previous < latestCheck;
    }

    /// <summary>Registers <c>median</c> with <see cref="SchedulerCatalog"/>.</summary>
    public sealed class Descriptor : SchedulerDescriptor
    {
        /// <inheritdoc />
        public override string Name => "median";

        /// <inheritdoc />
        public override string Description => "prune a trial whose best objective is worse than the median of the completed trials at the same epoch (Optuna's MedianPruner)";

        /// <inheritdoc />
        public override IReadOnlyList<ComponentParameter> Parameters { get; } =
        [
            new("warmUpSteps", DefaultWarmUpSteps.ToString(CultureInfo.InvariantCulture), "epochs 1…warmUpSteps are never pruned, integer ≥ 0"),
            new("minTrials", DefaultMinTrials.ToString(CultureInfo.InvariantCulture), "trials that must have completed before any pruning, integer ≥ 1"),
            new("intervalSteps", DefaultIntervalSteps.ToString(CultureInfo.InvariantCulture), "epochs between pruning checks after the warm-up, integer ≥ 1"),
        ];

        /// <inheritdoc />
        public override ITrialScheduler Create(ComponentArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            return arguments.Build(() => new MedianScheduler(arguments.GetInt("warmUpSteps"), arguments.GetInt("minTrials"), arguments.GetInt("intervalSteps")));
        }
    }
}
