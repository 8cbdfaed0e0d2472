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
    /// <summary>The space's keys: the <see cref="TrialSpec"/> settings a search may vary.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["lr", "momentum", "batchSize", "weightDecay", "width", "seed", "optimizer"];

    /// <summary>What is wrong with <paramref name="parameter"/>'s values for its setting, or null.</summary>
    public static string? Problem(SearchParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.Name == "optimizer")
        {
            return parameter.Distribution is ChoiceDistribution choice && choice.Options.All(o => !o.IsNumber && OptimizerKinds.IsKnown(o.Text!))
                ? null
                : $"optimizer must be a choice of {JsonFieldReader.Allowed(OptimizerKinds.Names)}";
        }

        // The same ranges as the sweep file's grid (SweepLimits), so a sampled value is one a grid could hold.
        var (valid, rule, whole) = parameter.Name switch
        {
            "lr" => Of(SweepLimits.LearningRate),
            "momentum" => Of(SweepLimits.Momentum),
            "batchSize" => Of(SweepLimits.BatchSize),
            "weightDecay" => Of(SweepLimits.WeightDecay),
            "width" => Of(SweepLimits.Width),
            _ => Of(SweepLimits.Seed),
        };
        var kind = whole ? "whole numbers " + rule + " (use int or a choice of integers)" : "numbers " + rule;
        return parameter.Distribution switch
        {
            ChoiceDistribution choice when choice.Options.All(o => o.IsNumber && valid(o.AsNumber()) && (!whole || o.AsNumber() == Math.Floor(o.AsNumber()))) => null,
            IntDistribution d when valid(d.Low) && valid(d.High) => null,
            UniformDistribution d when !whole && valid(d.Low) && valid(d.High) => null,
            LogUniformDistribution d when !whole && valid(d.Low) && valid(d.High) => null,
            _ => $"{parameter.Name} takes {kind}",
        };
    }

    private static (Func<double, bool> Valid, string Rule, bool Whole) Of(NumberRule rule) =>
        (rule.Accepts, rule.Rule.Replace("must be ", string.Empty, StringComparison.Ordinal), false);

    private static (Func<double, bool> Valid, string Rule, bool Whole) Of(IntRange range) =>
        (v => v >= range.Min && v <= range.Max, string.Create(CultureInfo.InvariantCulture, $"in {range.Min:N0} … {range.Max:N0}"), true);

    /// <summary>
    /// The trial for search trial <paramref name="number"/> with <paramref name="configuration"/>: the sweep's
    /// first (only) fraction, model, method and grid values, overridden by the sampled settings.
    /// </summary>
    public static TrialSpec Spec(SweepDefinition sweep, int number, Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(configuration);
        var grid = sweep.Grid;
        var optimizer = configuration["optimizer"]?.Text ?? grid.Optimizers[0];
        var sgd = optimizer == OptimizerKinds.Sgd;
        var stopping = sweep.Stopping[0];
        var spec = new TrialSpec
        {
            Id = string.Empty,
            SweepId = TrialExpansion.SweepIdOf(sweep.Name),
            Dataset = sweep.Dataset,
            Fraction = sweep.Fractions[0],
            Model = grid.Models.IsDefaultOrEmpty ? sweep.Model : grid.Models[0],
            LearningRate = Number(configuration, "lr") ?? grid.LearningRates[0],
            Optimizer = optimizer,

            // As in the grid: an optimizer's unused settings take fixed values.
            Momentum = sgd ? Number(configuration, "momentum") ?? grid.Momenta[0] : 0,
            Nesterov = sgd && sweep.Nesterov,
            Beta1 = sgd ? 0.9 : grid.Betas[0].Beta1,
            Beta2 = sgd ? 0.999 : grid.Betas[0].Beta2,
            Schedule = sweep.Schedule,
            BatchSize = (int)(Number(configuration, "batchSize") ?? grid.BatchSizes[0]),
            WeightDecay = Number(configuration, "weightDecay") ?? grid.WeightDecays[0],
            Width = Number(configuration, "width") ?? grid.Widths[0],
            Seed = (int)(Number(configuration, "seed") ?? grid.Seeds[0]),
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
            SearchNumber = number,
            SearchParameters = [.. configuration.Values.Select(p => new NamedValue(p.Key, p.Value.ToString()))],
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
        return new Configuration(spec.SearchParameters.Select(p => KeyValuePair.Create(
            p.Name,
            p.Name == "optimizer" ? ParameterValue.Of(p.Value) : ParameterValue.Of(double.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    private static double? Number(Configuration configuration, string name) => configuration[name]?.AsNumber();
}
