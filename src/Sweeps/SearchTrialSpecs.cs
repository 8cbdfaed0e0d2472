using System.Collections.Immutable;
using System.Globalization;
using Orchestrator.Contracts;
using Orchestrator.Data.Optimization;
using Orchestrator.Search;

namespace Orchestrator.Sweeps;

/// <summary>
/// The trial settings a search space may set, what values each accepts, and the trial a proposed
/// configuration becomes: the sweep's fixed settings (its one fraction, model, method and grid values) with
/// the sampled ones in place.
/// </summary>
public static class SearchTrialSpecs
{
    /// <summary>The space's keys for any model (<see cref="SearchableSettings"/>; a plugin model adds its <c>model.*</c> parameters).</summary>
    public static IReadOnlyList<string> Parameters => SearchableSettings.Names;

    /// <summary>What is wrong with <paramref name="parameter"/>'s values for its setting, or null (an unknown setting is the reader's error).</summary>
    public static string? Problem(SearchParameter parameter, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return SearchableSettings.Find(parameter.Name, model)?.Problem(parameter);
    }

    /// <summary>
    /// The trial for search trial <paramref name="number"/> with <paramref name="configuration"/>: the sweep's
    /// first (only) fraction, model, method and grid values, overridden by the sampled settings.
    /// </summary>
    public static TrialSpec Spec(SweepDefinition sweep, int number, Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(configuration);
        var grid = sweep.Grid;
        var stopping = sweep.Stopping[0];
        var spec = new TrialSpec
        {
            Id = string.Empty,
            SweepId = TrialExpansion.SweepIdOf(sweep.Name),
            Dataset = sweep.Dataset,
            Fraction = sweep.Fractions[0],
            Model = grid.Models.IsDefaultOrEmpty ? sweep.Model : grid.Models[0],
            LearningRate = grid.LearningRates[0],
            Optimizer = grid.Optimizers[0],
            Momentum = grid.Momenta[0],
            Beta1 = grid.Betas[0].Beta1,
            Beta2 = grid.Betas[0].Beta2,
            Schedule = sweep.Schedule,
            BatchSize = grid.BatchSizes[0],
            WeightDecay = grid.WeightDecays[0],
            Width = grid.Widths[0],
            Seed = grid.Seeds[0],
            Stopping = stopping,
            MaxEpochs = sweep.MaxEpochs,
            ProbeSize = sweep.ProbeSize,

            // The objective is measured on the hold-out, so a search with one holds it out whatever the criterion.
            ValidationFraction = sweep.Objective is not null || TrialExpansion.NeedsValidationHoldOut(stopping.Name) ? sweep.ValidationFraction : 0,
            Device = sweep.Device,
            CheckpointEvery = sweep.CheckpointEvery,
            MaxRestarts = sweep.MaxRestarts,
            RecordTestAccuracy = sweep.RecordTestAccuracy,
            RecordTopology = sweep.RecordTopology,
            GpuMemoryMiB = sweep.GpuMemoryMiB,
            SearchNumber = number,
            SearchParameters = [.. configuration.Values.Select(p => new NamedValue(p.Key, p.Value.ToString()))],
        };
        foreach (var (name, value) in configuration.Values)
        {
            var setting = SearchableSettings.Find(name, spec.Model)
                ?? throw new ArgumentException($"'{name}' is not a setting a search may set (the space was not validated).", nameof(configuration));
            spec = setting.Apply(spec, value);
        }

        // As in the grid: an optimizer's unused settings take fixed values.
        var sgd = spec.Optimizer == OptimizerKinds.Sgd;
        spec = spec with
        {
            Momentum = sgd ? spec.Momentum : 0,
            Nesterov = sgd && sweep.Nesterov,
            Beta1 = sgd ? 0.9 : spec.Beta1,
            Beta2 = sgd ? 0.999 : spec.Beta2,
        };
        return spec with { Id = TrialId.Of(spec) };
    }

    /// <summary>
    /// The refit of <paramref name="best"/>: its configuration (every setting of its spec, sampled or fixed) trained
    /// again with the refit's criterion, the same <c>maxEpochs</c>, and no hold-out, so it learns from all the
    /// labelled data of its fraction. Not a search trial (no <see cref="TrialSpec.SearchNumber"/>: samplers and
    /// schedulers never see it); <see cref="TrialSpec.RefitOf"/> names the trial it came from.
    /// </summary>
    /// <exception cref="ArgumentException">The sweep has no refit, or <paramref name="best"/> is not a search trial.</exception>
    public static TrialSpec Refit(SweepDefinition sweep, TrialSpec best)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(best);
        var refit = sweep.Refit ?? throw new ArgumentException("the sweep has no refit block.", nameof(sweep));
        var number = best.SearchNumber ?? throw new ArgumentException($"trial {best.Id} is not a search trial.", nameof(best));
        var spec = best with
        {
            Id = string.Empty,
            Stopping = refit.Stopping,
            MaxEpochs = sweep.MaxEpochs,
            ValidationFraction = 0,
            SearchNumber = null,
            RefitOf = number,
        };
        return spec with { Id = TrialId.Of(spec) };
    }

    /// <summary>The configuration a search trial was given, read back from its spec (what failover rebuilds the history from).</summary>
    public static Configuration ConfigurationOf(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new Configuration(spec.SearchParameters.Select(p => KeyValuePair.Create(p.Name, ValueOf(p))));
    }

    /// <summary>A sampled value from its text: a name for a text setting, else a number when it reads as one (a plugin parameter may be either).</summary>
    private static ParameterValue ValueOf(NamedValue parameter)
    {
        var text = SearchableSettings.All.FirstOrDefault(s => s.Name == parameter.Name) is { IsText: true };
        return !text && double.TryParse(parameter.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? ParameterValue.Of(number)
            : ParameterValue.Of(parameter.Value);
    }

}
