using System.Text;
using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps;

/// <summary>Expands a sweep into its trials: the Cartesian product of fractions, grid and stopping methods.</summary>
public static class TrialExpansion
{
    /// <summary>
    /// True when the criterion <paramref name="method"/> reads the validation loss (its descriptor declares
    /// <see cref="CriterionSignals.ValidationLoss"/>), so its trials hold out a labelled split.
    /// </summary>
    /// <remarks>
    /// A method the catalog does not know needs none here: a validated sweep has no such method, and a
    /// definition built in code fails that trial later, when its criterion is created, with the catalog's message.
    /// </remarks>
    public static bool NeedsValidationHoldOut(string method, StoppingCriterionCatalog? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var catalog = criteria ?? StoppingCriterionCatalog.Default;
        return catalog.Names.Contains(method.Trim(), StringComparer.OrdinalIgnoreCase)
               && catalog.Find(method).NeedsHoldOut;
    }

    /// <summary>The sweep id for a sweep name: lower-case letters, digits and dashes (the <see cref="SafeId"/> grammar).</summary>
    public static string SweepIdOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.Trim().ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '-');
        }

        var slug = builder.ToString();
        slug = slug[..Math.Min(slug.Length, SafeId.MaxLength)].Trim('-');
        return slug.Length == 0 ? "sweep" : slug;
    }

    /// <summary>
    /// How many trials <see cref="Expand"/> makes of a grid sweep, in time linear in its lists (without expanding):
    /// the product of the list lengths, where an optimizer takes only its own settings (SGD each momentum, Adam
    /// each betas pair). Saturates at <see cref="long.MaxValue"/>. A search sweep's count is <c>search.trials</c>.
    /// </summary>
    public static long Count(SweepDefinition sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Search is { } search)
        {
            return search.Trials;
        }

        static int Length<T>(System.Collections.Immutable.ImmutableArray<T> list) => list.IsDefault ? 0 : list.Length;
        var perOptimizer = 0L;
        foreach (var optimizer in sweep.Grid.Optimizers.IsDefault ? [] : sweep.Grid.Optimizers)
        {
            perOptimizer += optimizer == "sgd" ? Length(sweep.Grid.Momenta) : Length(sweep.Grid.Betas);
        }

        long[] factors =
        [
            Length(sweep.Fractions), sweep.Grid.Models.IsDefaultOrEmpty ? 1 : sweep.Grid.Models.Length, Length(sweep.Stopping),
            perOptimizer, Length(sweep.Grid.LearningRates), Length(sweep.Grid.BatchSizes), Length(sweep.Grid.WeightDecays),
            Length(sweep.Grid.Widths), Length(sweep.Grid.Seeds),
        ];
        var count = 1L;
        foreach (var factor in factors)
        {
            count = factor != 0 && count > long.MaxValue / factor ? long.MaxValue : count * factor;
        }

        return count;
    }

    /// <summary>All trials of <paramref name="sweep"/>, in a stable order (first list varies slowest).</summary>
    /// <param name="sweep">A validated sweep.</param>
    /// <param name="criteria">The catalog its stopping methods come from; null for <see cref="StoppingCriterionCatalog.Default"/>.</param>
    public static IReadOnlyList<TrialSpec> Expand(SweepDefinition sweep, StoppingCriterionCatalog? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var sweepId = SweepIdOf(sweep.Name);
        var trials = new List<TrialSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var models = sweep.Grid.Models.IsDefaultOrEmpty ? [sweep.Model] : sweep.Grid.Models;
        foreach (var fraction in sweep.Fractions)
        foreach (var model in models)
        foreach (var stopping in sweep.Stopping)
        foreach (var optimizer in sweep.Grid.Optimizers)
        foreach (var lr in sweep.Grid.LearningRates)
        foreach (var momentum in sweep.Grid.Momenta)
        foreach (var betas in sweep.Grid.Betas)
        foreach (var batch in sweep.Grid.BatchSizes)
        foreach (var wd in sweep.Grid.WeightDecays)
        foreach (var width in sweep.Grid.Widths)
        foreach (var seed in sweep.Grid.Seeds)
        {
            var spec = new TrialSpec
            {
                Id = string.Empty,
                SweepId = sweepId,
                Dataset = sweep.Dataset,
                Fraction = fraction,
                Model = model,
                LearningRate = lr,

                // An optimizer's unused settings take fixed values, so the grid's other values collapse into one trial.
                Optimizer = optimizer,
                Momentum = optimizer == "sgd" ? momentum : 0,
                Nesterov = optimizer == "sgd" && sweep.Nesterov,
                Beta1 = optimizer == "sgd" ? 0.9 : betas.Beta1,
                Beta2 = optimizer == "sgd" ? 0.999 : betas.Beta2,
                Schedule = sweep.Schedule,
                BatchSize = batch,
                WeightDecay = wd,
                Width = width,
                Seed = seed,
                Stopping = stopping,
                MaxEpochs = sweep.MaxEpochs,
                ProbeSize = sweep.ProbeSize,
                ValidationFraction = NeedsValidationHoldOut(stopping.Name, criteria) ? sweep.ValidationFraction : 0,
                Device = sweep.Device,
                CheckpointEvery = sweep.CheckpointEvery,
                MaxRestarts = sweep.MaxRestarts,
                RecordTestAccuracy = sweep.RecordTestAccuracy,
                RecordTopology = sweep.RecordTopology,
                GpuMemoryMiB = sweep.GpuMemoryMiB,
            };
            spec = spec with { Id = TrialId.Of(spec) };
            if (seen.Add(spec.Id))
            {
                trials.Add(spec);
            }
        }

        return trials;
    }
}
