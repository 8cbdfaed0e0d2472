using System.Globalization;
using Orchestrator.Contracts;
using Orchestrator.Data.Models;
using Orchestrator.Data.Optimization;
using Orchestrator.Search;

namespace Orchestrator.Sweeps;

/// <summary>
/// The one list of what a <c>space</c> may search: each trial setting with the values it takes (the same
/// <see cref="SweepLimits"/> as the grid, the optimizers of <see cref="OptimizerKinds"/>, the models of the
/// catalog) and how a sampled value sets it in a <see cref="TrialSpec"/>; plus <c>model.&lt;name&gt;</c> for each
/// constructor parameter a .NET plugin model's <c>parameters</c> block names. The reader, the trial builder, the
/// failover read-back and the sweep-file reference all read this list.
/// </summary>
public static class SearchableSettings
{
    /// <summary>The prefix of a plugin model's constructor parameter in a space (<c>model.hidden</c>).</summary>
    public const string ModelParameterPrefix = "model.";

    /// <summary>Every searchable setting, in the order messages list them.</summary>
    public static readonly IReadOnlyList<SearchableSetting> All =
    [
        Number("lr", "SGD/Adam learning rate", SweepLimits.LearningRate, (s, v) => s with { LearningRate = v }),
        Number("momentum", "SGD momentum (sgd trials only)", SweepLimits.Momentum, (s, v) => s with { Momentum = v }),
        Whole("batchSize", "mini-batch size", SweepLimits.BatchSize, (s, v) => s with { BatchSize = v }),
        Number("weightDecay", "L2 weight decay", SweepLimits.WeightDecay, (s, v) => s with { WeightDecay = v }),
        Number("width", "multiplier of the model's hidden widths", SweepLimits.Width, (s, v) => s with { Width = v }),
        Whole("seed", "initialisation and shuffling seed", SweepLimits.Seed, (s, v) => s with { Seed = v }),
        Text("optimizer", "the optimizer", () => OptimizerKinds.Names, (s, v) => s with { Optimizer = v }),
        Number("beta1", "Adam/AdamW β₁ (adam and adamw trials only)", SweepLimits.Beta, (s, v) => s with { Beta1 = v }),
        Number("beta2", "Adam/AdamW β₂ (adam and adamw trials only)", SweepLimits.Beta, (s, v) => s with { Beta2 = v }),
        Number("fraction", "share of the training set a trial uses", SweepLimits.Fraction, (s, v) => s with { Fraction = v }),
        Text("model", "a model of the catalog", () => ModelDescriptorCatalog.Default.Names, (s, v) => s with { Model = v }),
    ];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>
    /// The setting <paramref name="name"/> names for a sweep whose fixed model is <paramref name="model"/>: one of
    /// <see cref="All"/>, or a constructor parameter the plugin model's <c>parameters</c> block names; null otherwise.
    /// </summary>
    public static SearchableSetting? Find(string name, string? model)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (All.FirstOrDefault(s => s.Name == name) is { } setting)
        {
            return setting;
        }

        return name.StartsWith(ModelParameterPrefix, StringComparison.Ordinal) && PluginParameters(model).Contains(name[ModelParameterPrefix.Length..])
            ? ModelParameter(name[ModelParameterPrefix.Length..])
            : null;
    }

    /// <summary>The space keys of a plugin model's constructor parameters (<c>model.hidden</c>, …); empty for any other model.</summary>
    public static IReadOnlyList<string> ModelParameterNames(string? model) => [.. PluginParameters(model).Select(p => ModelParameterPrefix + p)];

    private static IEnumerable<string> PluginParameters(string? model) =>
        model is not null && UserModelReference.IsReference(model) && UserModelReference.Parse(model) is { IsTorchScript: false, Parameters: { } parameters }
            ? parameters.Keys
            : [];

    /// <summary>A plugin's constructor parameter: any number or string (the plugin checks it when the trial builds the model).</summary>
    private static SearchableSetting ModelParameter(string parameter) => new(
        ModelParameterPrefix + parameter,
        "a constructor parameter of the plugin model",
        _ => null,
        IsText: false,
        (spec, value) =>
        {
            var reference = UserModelReference.Parse(spec.Model);
            var parameters = new SortedDictionary<string, string>(reference.Parameters!, StringComparer.Ordinal) { [parameter] = value.ToString() };
            return spec with { Model = (reference with { Parameters = parameters }).ToString() };
        });

    private static SearchableSetting Number(string name, string describes, NumberRule rule, Func<TrialSpec, double, TrialSpec> apply) => new(
        name,
        describes,
        p => p.Distribution switch
        {
            ChoiceDistribution c when c.Options.All(o => o.IsNumber && rule.Accepts(o.AsNumber())) => null,
            IntDistribution d when rule.Accepts(d.Low) && rule.Accepts(d.High) => null,
            UniformDistribution d when rule.Accepts(d.Low) && rule.Accepts(d.High) => null,
            LogUniformDistribution d when rule.Accepts(d.Low) && rule.Accepts(d.High) => null,
            _ => $"{name} takes numbers {rule.Rule.Replace("must be ", string.Empty, StringComparison.Ordinal)}",
        },
        IsText: false,
        (spec, value) => apply(spec, value.AsNumber()));

    private static SearchableSetting Whole(string name, string describes, IntRange range, Func<TrialSpec, int, TrialSpec> apply) => new(
        name,
        describes,
        p => p.Distribution switch
        {
            ChoiceDistribution c when c.Options.All(o => o.IsNumber && o.AsNumber() == Math.Floor(o.AsNumber()) && o.AsNumber() >= range.Min && o.AsNumber() <= range.Max) => null,
            IntDistribution d when d.Low >= range.Min && d.High <= range.Max => null,
            _ => string.Create(CultureInfo.InvariantCulture, $"{name} takes whole numbers in {range.Min:N0} … {range.Max:N0} (use int or a choice of integers)"),
        },
        IsText: false,
        (spec, value) => apply(spec, (int)value.AsNumber()));

    private static SearchableSetting Text(string name, string describes, Func<IReadOnlyList<string>> allowed, Func<TrialSpec, string, TrialSpec> apply) => new(
        name,
        describes,
        p => p.Distribution is ChoiceDistribution c && c.Options.All(o => !o.IsNumber && allowed().Contains(o.Text!))
            ? null
            : $"{name} must be a choice of {JsonFieldReader.Allowed(allowed())}",
        IsText: true,
        (spec, value) => apply(spec, value.Text!));
}

/// <summary>One setting a search may vary.</summary>
/// <param name="Name">Its key in a <c>space</c>.</param>
/// <param name="Describes">What it is, for the sweep-file reference.</param>
/// <param name="Problem">What is wrong with a parameter's distribution for this setting, or null.</param>
/// <param name="IsText">True when its values are strings (names), false for numbers.</param>
/// <param name="Apply">The trial with a sampled value set.</param>
public sealed record SearchableSetting(string Name, string Describes, Func<SearchParameter, string?> Problem, bool IsText, Func<TrialSpec, ParameterValue, TrialSpec> Apply);
