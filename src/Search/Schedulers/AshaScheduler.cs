using System.Globalization;

namespace Orchestrator.Search.Schedulers;

/// <summary>
/// Asynchronous successive halving (Li et al., 2020): rungs at epochs r, rη, rη², … (r the grace period,
/// η the reduction factor). When a trial reports at a rung it is ranked against every trial that has
/// reported there so far, itself included; it goes on only if it is among the best max(1, ⌊n/η⌋) of those
/// n (ties go on), as Optuna's successive-halving pruner decides. Between rungs nothing is pruned. Being
/// asynchronous, it never waits for a rung to fill: early arrivals are judged against fewer trials.
/// </summary>
public sealed class AshaScheduler : ITrialScheduler
{
    /// <summary>Default grace period (epochs before the first rung).</summary>
    public const int DefaultGracePeriod = 1;

    /// <summary>Default reduction factor (keep the top third).</summary>
    public const int DefaultReductionFactor = 3;

    /// <param name="gracePeriod">The first rung's epoch r, ≥ 1.</param>
    /// <param name="reductionFactor">η, ≥ 2: a rung keeps the top 1/η, and rungs are η times apart.</param>
    public AshaScheduler(int gracePeriod = DefaultGracePeriod, int reductionFactor = DefaultReductionFactor)
    {
        GracePeriod = ComponentCheck.AtLeast(gracePeriod, 1, "gracePeriod");
        ReductionFactor = ComponentCheck.AtLeast(reductionFactor, 2, "reductionFactor");
    }

    /// <inheritdoc />
    public string Name => "asha";

    /// <summary>The first rung's epoch r.</summary>
    public int GracePeriod { get; }

    /// <summary>η.</summary>
    public int ReductionFactor { get; }

    /// <summary>The rung (1 for epoch r, 2 for rη, …) at <paramref name="step"/>, or 0 when it is not a rung.</summary>
    public int RungAt(int step)
    {
        var rung = 1;
        for (long epoch = GracePeriod; epoch <= step; epoch *= ReductionFactor, rung++)
        {
            if (epoch == step)
            {
                return rung;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    public PruningDecision Decide(StudyHistory study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.LastReport is not { } last)
        {
            return PruningDecision.Continue(0, "asha: no objective reported yet");
        }

        var step = last.Step;
        var rung = RungAt(step);
        if (rung == 0)
        {
            return PruningDecision.Continue(step, $"asha: epoch {step} is not a rung");
        }

        if (!double.IsFinite(last.Value))
        {
            return PruningDecision.Prune(step, $"pruned by asha at rung {rung} (epoch {step}): objective {last.Value} is not a number");
        }

        var atRung = study.Trials
            .Where(t => t.Number != trial.Number && t.State != TrialState.Failed)
            .Select(t => t.ValueAt(step))
            .OfType<double>()
            .Where(double.IsFinite)
            .Append(last.Value)
            .OrderBy(v => study.Direction.AsLoss(v))
            .ToList();
        var keep = Math.Max(1, atRung.Count / ReductionFactor);
        var cutOff = atRung[keep - 1];
        var comparison = string.Create(
            CultureInfo.InvariantCulture,
            $"top 1/{ReductionFactor} of {atRung.Count} trials (cut-off {ObjectiveText.Of(cutOff)}, {study.Direction.ToModeName()})");
        return study.Direction.IsBetter(cutOff, last.Value)
            ? PruningDecision.Prune(step, $"pruned by asha at rung {rung} (epoch {step}): objective {ObjectiveText.Of(last.Value)} not in the {comparison}")
            : PruningDecision.Continue(step, $"asha: promoted at rung {rung} (epoch {step}): objective {ObjectiveText.Of(last.Value)} in the {comparison}");
    }

    /// <summary>Registers <c>asha</c> with <see cref="SchedulerCatalog"/>.</summary>
    public sealed class Descriptor : SchedulerDescriptor
    {
        /// <inheritdoc />
        public override string Name => "asha";

        /// <inheritdoc />
        public override string Description => "asynchronous successive halving: at epochs r, rη, rη², … keep only the top 1/η";

        /// <inheritdoc />
        public override IReadOnlyList<ComponentParameter> Parameters { get; } =
        [
            new("gracePeriod", DefaultGracePeriod.ToString(CultureInfo.InvariantCulture), "epoch of the first rung r, integer ≥ 1"),
            new("reductionFactor", DefaultReductionFactor.ToString(CultureInfo.InvariantCulture), "η, integer ≥ 2: rungs are η times apart and each keeps the top 1/η"),
        ];

        /// <inheritdoc />
        public override ITrialScheduler Create(ComponentArguments arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            return arguments.Build(() => new AshaScheduler(arguments.GetInt("gracePeriod"), arguments.GetInt("reductionFactor")));
        }
    }
}
