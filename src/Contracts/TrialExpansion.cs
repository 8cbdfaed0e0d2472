using System.Text;

namespace Orchestrator.Contracts;

/// <summary>Expands a sweep into its trials: the Cartesian product of fractions, grid and stopping methods.</summary>
public static class TrialExpansion
{
    /// <summary>Stopping methods that need a labelled validation hold-out.</summary>
    public static readonly IReadOnlySet<string> MethodsNeedingValidation = new HashSet<string>(StringComparer.Ordinal) { "vl" };

    /// <summary>The sweep id for a sweep name: lower-case letters, digits and dashes.</summary>
    public static string SweepIdOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.Trim().ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '-');
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "sweep" : slug;
    }

    /// <summary>All trials of <paramref name="sweep"/>, in a stable order (first list varies slowest).</summary>
    public static IReadOnlyList<TrialSpec> Expand(SweepDefinition sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var sweepId = SweepIdOf(sweep.Name);
        var trials = new List<TrialSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fraction in sweep.Fractions)
        foreach (var stopping in sweep.Stopping)
        foreach (var lr in sweep.Grid.LearningRates)
        foreach (var momentum in sweep.Grid.Momenta)
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
                Model = sweep.Model,
                LearningRate = lr,
                Momentum = momentum,
                BatchSize = batch,
                WeightDecay = wd,
                Width = width,
                Seed = seed,
                Stopping = stopping,
                MaxEpochs = sweep.MaxEpochs,
                ProbeSize = sweep.ProbeSize,
                ValidationFraction = MethodsNeedingValidation.Contains(stopping.Name) ? sweep.ValidationFraction : 0,
                Device = sweep.Device,
                CheckpointEvery = sweep.CheckpointEvery,
                MaxRestarts = sweep.MaxRestarts,
                RecordTestAccuracy = sweep.RecordTestAccuracy,
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
