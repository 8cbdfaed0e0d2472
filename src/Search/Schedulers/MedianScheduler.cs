using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Orchestrator.Search.Schedulers;

/// <summary>
/// Median stopping: at step t a trial is pruned when its best objective so far is strictly worse than the
/// median of the other trials' best-so-far values at t. Never before step <see cref="WarmUpSteps"/> + 1, and
/// only when at least <see cref="MinTrials"/> other trials (running, completed or pruned; not failed) have
/// reached step t — so a search's first trials, which have nobody to be compared with, run on.
/// </summary>
public sealed class MedianScheduler : ITrialScheduler
{
    /// <summary>Default steps never pruned.</summary>
    public const int DefaultWarmUpSteps = 0;

    /// <summary>Default number of other trials needed at a step (Optuna's MedianPruner waits for 5 trials).</summary>
    public const int DefaultMinTrials = 5;

    /// <param name="warmUpSteps">Steps 1…warmUpSteps are never pruned, ≥ 0.</param>
    /// <param name="minTrials">Other trials that must have reached the step, ≥ 1.</param>
    public MedianScheduler(int warmUpSteps = DefaultWarmUpSteps, int minTrials = DefaultMinTrials)
    {
        WarmUpSteps = ComponentCheck.AtLeast(warmUpSteps, 0, "warmUpSteps");
        MinTrials = ComponentCheck.AtLeast(minTrials, 1, "minTrials");
    }

    /// <inheritdoc />
    public string Name => "median";

    /// <summary>Steps never pruned.</summary>
    public int WarmUpSteps { get; }

    /// <summary>Other trials needed at a step.</summary>
    public int MinTrials { get; }

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
        if (step <= WarmUpSteps)
        {
            return PruningDecision.Continue(step, $"median: epoch {step} is within the {WarmUpSteps} warm-up epochs");
        }

        if (trial.BestUpTo(step, study.Direction) is not double best)
        {
            return PruningDecision.Continue(step, $"median: no finite objective by epoch {step}");
        }

        var others = study.Trials
            .Where(t => t.Number != trial.Number && t.State != TrialState.Failed && t.Reached(step))
            .Select(t => t.BestUpTo(step, study.Direction))
            .OfType<double>()
            .ToList();
        if (others.Count < MinTrials)
        {
            return PruningDecision.Continue(step, $"median: only {others.Count} other trials reached epoch {step}; it needs {MinTrials}");
        }

        var median = others.Median();
        var comparison = string.Create(
            CultureInfo.InvariantCulture,
            $"best objective {ObjectiveText.Of(best)} by epoch {step} against the median {ObjectiveText.Of(median)} of {others.Count} other trials ({study.Direction.ToModeName()})");
        return study.Direction.IsBetter(median, best)
            ? PruningDecision.Prune(step, $"pruned by median at epoch {step}: {comparison}")
            : PruningDecision.Continue(step, $"median: kept at epoch {step}: {comparison}");
    }

    /// <summary>Registers <c>median</c> with <see cref="SchedulerCatalog"/>.</summary>
    public sealed class Descriptor : SchedulerDescriptor
    {
        /// <inheritdoc />
        public override string Name => "median";

        /// <inheritdoc />
        public override string Description => "prune a trial whose best objective is worse than the median of the others at the same epoch";

        /// <inheritdoc />
        public override IReadOnlyList<ComponentParameter> Parameters { get; } =
        [
            new("warmUpSteps", DefaultWarmUpSteps.ToString(CultureInfo.InvariantCulture), "epochs 1…warmUpSteps are never pruned, integer ≥ 0"),
            new("minTrials", DefaultMinTrials.ToString(CultureInfo.InvariantCulture), "other trials that must have reached the epoch before any pruning, integer ≥ 1"),
        ];

        /// <inheritdoc />
        public override ITrialScheduler Create(ComponentArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            return arguments.Build(() => new MedianScheduler(arguments.GetInt("warmUpSteps"), arguments.GetInt("minTrials")));
        }
    }
}
