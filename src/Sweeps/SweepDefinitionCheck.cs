using System.Collections.Immutable;
using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Data.Optimization;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps;

/// <summary>
/// Checks a <see cref="SweepDefinition"/> or <see cref="TrialSpec"/> that arrived already built (a grain call
/// from any client) with the rules the sweep-file reader applies (<see cref="SweepLimits"/>), so a raw client
/// cannot submit what the CLI refuses.
/// </summary>
public static class SweepDefinitionCheck
{
    /// <summary>The problem with a sweep name in words, or null when it is usable.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is required: a name with at least one ASCII letter or digit (it becomes the sweep id)";
        }

        if (name.Length > SweepLimits.MaxNameLength)
        {
            return $"is {name.Length} characters long; use at most {SweepLimits.MaxNameLength} (it becomes a folder name)";
        }

        if (name.Contains('\uFFFD', StringComparison.Ordinal) || name.Any(char.IsSurrogate) || name.Any(char.IsControl))
        {
            return $"holds invalid UTF-8, a control character or a character outside the basic plane ({BoundedQuote.Of(name)}); use plain text";
        }

        return name.Any(char.IsAsciiLetterOrDigit)
            ? null
            : "must contain at least one ASCII letter or digit (it becomes the sweep id)";
    }

    /// <summary>The problem with a sweep's trial count (above <see cref="SweepLimits.MaxTrials"/>), or null.</summary>
    public static string? TrialCountProblem(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var count = TrialExpansion.Count(definition);
        return count <= SweepLimits.MaxTrials
            ? null
            : $"makes {(count == long.MaxValue ? "more than 9.2e18" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))} trials; a sweep may hold at most {SweepLimits.MaxTrials}: shorten a list or split it into several sweeps";
    }

    /// <summary>Every problem with <paramref name="definition"/>, by field.</summary>
    public static IReadOnlyList<SweepValidationError> Problems(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<SweepValidationError>();
        void Add(string field, string? problem)
        {
            if (problem is not null)
            {
                errors.Add(new SweepValidationError(field, problem));
            }
        }

        Add("name", NameProblem(definition.Name));
        Add("dataset", string.IsNullOrWhiteSpace(definition.Dataset) ? "is required" : null);
        Add("model", string.IsNullOrWhiteSpace(definition.Model) ? "is required" : null);
        Numbers(errors, "fractions", definition.Fractions, SweepLimits.Fraction);
        Numbers(errors, "grid.lr", definition.Grid.LearningRates, SweepLimits.LearningRate);
        Numbers(errors, "grid.momentum", definition.Grid.Momenta, SweepLimits.Momentum);
        Numbers(errors, "grid.weightDecay", definition.Grid.WeightDecays, SweepLimits.WeightDecay);
        Numbers(errors, "grid.width", definition.Grid.Widths, SweepLimits.Width);
        Ints(errors, "grid.batchSize", definition.Grid.BatchSizes, SweepLimits.BatchSize);
        Ints(errors, "grid.seed", definition.Grid.Seeds, SweepLimits.Seed);
        Add("grid.optimizer", definition.Grid.Optimizers.IsDefaultOrEmpty || definition.Grid.Optimizers.Any(o => !OptimizerKinds.IsKnown(o))
            ? $"must be a non-empty list of {JsonFieldReader.Allowed(OptimizerKinds.Names)}"
            : null);
        Add("grid.betas", definition.Grid.Betas.IsDefaultOrEmpty || definition.Grid.Betas.Any(b => !(b.Beta1 is >= 0 and < 1) || !(b.Beta2 is >= 0 and < 1))
            ? "must be a non-empty list of pairs [beta1, beta2] with each in [0, 1)"
            : null);
        Add("stopping", StoppingProblem(definition.Stopping));
        Add("maxEpochs", Range(definition.MaxEpochs, SweepLimits.MaxEpochs));
        Add("probeSize", Range(definition.ProbeSize, SweepLimits.ProbeSize));
        Add("validationFraction", SweepLimits.ValidationFraction.Accepts(definition.ValidationFraction) ? null : SweepLimits.ValidationFraction.Rule);
        Add("concurrency", Range(definition.Concurrency, SweepLimits.Concurrency));
        Add("checkpointEvery", Range(definition.CheckpointEvery, SweepLimits.CheckpointEvery));
        Add("maxRestarts", Range(definition.MaxRestarts, SweepLimits.MaxRestarts));
        Add("gpuMemoryMiB", definition.GpuMemoryMiB is { } declared ? Range(declared, SweepLimits.GpuMemoryMiB) : null);
        Add("device", TrainingDevices.IsKnown(definition.Device) ? null : $"must be one of {TrainingDevices.Listed}");
        if (definition.Search is { } search)
        {
            Add("search.budget.epochs", search.BudgetEpochs is int epochs && !SweepLimits.BudgetEpochs.Contains(epochs) ? SweepLimits.BudgetEpochs.Rule : null);
            Add("search.budget.seconds", search.BudgetSeconds is double seconds && !SweepLimits.BudgetSeconds.Accepts(seconds) ? SweepLimits.BudgetSeconds.Rule : null);
        }

        Add("refit", RefitProblem(definition));
        Add("grid", errors.Count == 0 ? TrialCountProblem(definition) : null);
        return errors;
    }

    /// <summary>What is wrong with a sweep's refit (the sweep-file reader's rules), or null.</summary>
    private static string? RefitProblem(SweepDefinition definition)
    {
        if (definition.Refit is not { } refit)
        {
            return null;
        }

        if (definition.Search is null || definition.Objective is null)
        {
            return "needs a search with an objective: it trains the search's best configuration again on all labelled data";
        }

        if (StoppingProblem([refit.Stopping]) is { } problem)
        {
            return "stopping " + problem;
        }

        return StoppingCriterionCatalog.Default.Find(refit.Stopping.Name).NeedsHoldOut
            ? $"stopping '{refit.Stopping.Name}' reads the validation hold-out, which the refit gives back to training; use a criterion that needs no hold-out"
            : null;
    }

    /// <summary>Every problem with <paramref name="spec"/>, by field.</summary>
    public static IReadOnlyList<SweepValidationError> Problems(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<SweepValidationError>();
        void Add(string field, string? problem)
        {
            if (problem is not null)
            {
                errors.Add(new SweepValidationError(field, problem));
            }
        }

        Add("id", SafeId.Problem(spec.Id));
        Add("sweepId", SafeId.Problem(spec.SweepId));
        Add("dataset", string.IsNullOrWhiteSpace(spec.Dataset) ? "is required" : null);
        Add("model", string.IsNullOrWhiteSpace(spec.Model) ? "is required" : null);
        Add("fraction", SweepLimits.Fraction.Accepts(spec.Fraction) ? null : SweepLimits.Fraction.Rule);
        Add("lr", SweepLimits.LearningRate.Accepts(spec.LearningRate) ? null : SweepLimits.LearningRate.Rule);
        Add("momentum", SweepLimits.Momentum.Accepts(spec.Momentum) ? null : SweepLimits.Momentum.Rule);
        Add("weightDecay", SweepLimits.WeightDecay.Accepts(spec.WeightDecay) ? null : SweepLimits.WeightDecay.Rule);
        Add("width", SweepLimits.Width.Accepts(spec.Width) ? null : SweepLimits.Width.Rule);
        Add("batchSize", Range(spec.BatchSize, SweepLimits.BatchSize));
        Add("seed", Range(spec.Seed, SweepLimits.Seed));
        Add("optimizer", OptimizerKinds.IsKnown(spec.Optimizer) ? null : $"must be one of {JsonFieldReader.Allowed(OptimizerKinds.Names)}");
        Add("stopping", StoppingProblem([spec.Stopping]));
        Add("maxEpochs", Range(spec.MaxEpochs, SweepLimits.MaxEpochs));
        Add("probeSize", Range(spec.ProbeSize, SweepLimits.ProbeSize));
        Add("validationFraction", spec.ValidationFraction == 0 || SweepLimits.ValidationFraction.Accepts(spec.ValidationFraction)
            ? null
            : "must be 0 (no hold-out) or in (0, 1)");
        Add("checkpointEvery", Range(spec.CheckpointEvery, SweepLimits.CheckpointEvery));
        Add("maxRestarts", Range(spec.MaxRestarts, SweepLimits.MaxRestarts));
        Add("gpuMemoryMiB", spec.GpuMemoryMiB is { } declared ? Range(declared, SweepLimits.GpuMemoryMiB) : null);
        Add("device", TrainingDevices.IsKnown(spec.Device) ? null : $"must be one of {TrainingDevices.Listed}");
        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming every bad field of <paramref name="definition"/>.</summary>
    public static void Require(SweepDefinition definition) => Throw(Problems(definition), nameof(definition));

    /// <summary>Throws an <see cref="ArgumentException"/> naming every bad field of <paramref name="spec"/>.</summary>
    public static void Require(TrialSpec spec) => Throw(Problems(spec), nameof(spec));

    private static void Throw(IReadOnlyList<SweepValidationError> errors, string parameter)
    {
        if (errors.Count > 0)
        {
            var lines = string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"));
            throw new ArgumentException($"refused: {lines}", parameter);
        }
    }

    private static string? StoppingProblem(ImmutableArray<StoppingMethod> methods)
    {
        var names = StoppingCriterionCatalog.Default.Names.ToList();
        return methods.IsDefaultOrEmpty || methods.Any(m => m is null || !names.Contains(m.Name, StringComparer.OrdinalIgnoreCase))
            ? $"must be a non-empty list of known methods: {JsonFieldReader.Allowed(names)}"
            : null;
    }

    private static string? Range(int value, IntRange range) => range.Contains(value) ? null : range.Rule;

    private static void Numbers(List<SweepValidationError> errors, string field, ImmutableArray<double> values, NumberRule rule)
    {
        if (values.IsDefaultOrEmpty)
        {
            errors.Add(new SweepValidationError(field, "must be a non-empty list; " + rule.Rule));
        }
        else if (values.Any(v => !rule.Accepts(v)))
        {
            errors.Add(new SweepValidationError(field, rule.Rule));
        }
    }

    private static void Ints(List<SweepValidationError> errors, string field, ImmutableArray<int> values, IntRange range)
    {
        if (values.IsDefaultOrEmpty)
        {
            errors.Add(new SweepValidationError(field, "must be a non-empty list; " + range.Rule));
        }
        else if (values.Any(v => !range.Contains(v)))
        {
            errors.Add(new SweepValidationError(field, range.Rule));
        }
    }
}
