using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Data.Optimization;
using Orchestrator.Search;
using Orchestrator.Search.Samplers;
using Orchestrator.Search.Schedulers;

namespace Orchestrator.Sweeps;

/// <summary>
/// The adaptive-search blocks of a sweep file: <c>space</c>, <c>search</c>, <c>objective</c> and <c>scheduler</c>,
/// with the rules that tie them together; every problem goes to the field reader at its JSON path.
/// </summary>
internal sealed class SearchFieldReader(JsonFieldReader fields)
{
    /// <summary>The search, or null when the file has none (or it is wrong).</summary>
    public SweepSearch? ReadSearch(JsonElement root)
    {
        var hasSpace = root.TryGetProperty("space", out var spaceElement);
        var hasSearch = root.TryGetProperty("search", out var search);
        if (hasSpace != hasSearch)
        {
            fields.Error(hasSpace ? "search" : "space", hasSpace
                ? "is required with a space: {\"sampler\": \"tpe\", \"trials\": 20, \"seed\": 0}"
                : "is required with a search: each searched parameter and its distribution, e.g. {\"lr\": {\"loguniform\": [0.001, 0.3]}}");
            return null;
        }

        if (!hasSearch)
        {
            return null;
        }

        var space = ReadSpace(spaceElement);
        if (search.ValueKind != JsonValueKind.Object)
        {
            fields.Error("search", "must be an object {\"sampler\": …, \"trials\": …, \"seed\": …, \"parameters\": {…}}");
            return null;
        }

        fields.CheckUnknown(search, "search.", SweepSchema.SearchProperties);
        var sampler = fields.ReadString(search, "sampler", "search.sampler", required: false, allowed: [.. SamplerCatalog.Default.Names]) ?? "tpe";
        var trials = ReadInt(search, "trials", "search.trials", null, 1, SweepLimits.MaxTrials);
        var seed = ReadInt(search, "seed", "search.seed", 0, 0, int.MaxValue);
        var parameters = ReadTextParameters(search, "parameters", "search.parameters");
        if (SamplerCatalog.Default.Names.Contains(sampler))
        {
            try
            {
                SamplerCatalog.Default.Create(sampler, parameters);
            }
            catch (ArgumentException ex)
            {
                fields.Error("search.parameters", ex.Message);
            }

            if (space is not null)
            {
                foreach (var problem in SamplerCatalog.Default.Find(sampler).Incompatibilities(space))
                {
                    fields.Error("search.sampler", problem);
                }
            }
        }

        return new SweepSearch
        {
            Space = JsonSerializer.Serialize(spaceElement),
            Sampler = sampler,
            SamplerParameters = Named(parameters),
            Trials = trials ?? 1,
            Seed = seed ?? 0,
        };
    }

    /// <summary>The objective, or null when absent; <paramref name="search"/> says whether the file searches.</summary>
    public SweepObjective? ReadObjective(JsonElement root, SweepSearch? search, bool searching)
    {
        if (!root.TryGetProperty("objective", out var objective))
        {
            if (search is { Sampler: "tpe" })
            {
                fields.Error("objective", "is required by the tpe sampler, which learns from it: {\"metric\": \"validation_accuracy\", \"mode\": \"max\"}");
            }

            return null;
        }

        if (!searching)
        {
            fields.Error("objective", "needs a search (a space and a search block); a grid sweep optimises nothing");
        }

        if (objective.ValueKind != JsonValueKind.Object)
        {
            fields.Error("objective", "must be an object {\"metric\": \"validation_accuracy\" | \"validation_loss\", \"mode\": \"max\" | \"min\"}");
            return null;
        }

        fields.CheckUnknown(objective, "objective.", SweepSchema.ObjectiveProperties);
        if (objective.TryGetProperty("metric", out var metricElement) && metricElement.ValueKind == JsonValueKind.String
            && metricElement.GetString()!.StartsWith("test", StringComparison.Ordinal))
        {
            fields.Error("objective.metric", $"'{metricElement.GetString()}': the test split is never an objective (choosing on it would peek at the test); allowed: {JsonFieldReader.Allowed(SearchObjectives.Metrics)}");
            return null;
        }

        var metric = fields.ReadString(objective, "metric", "objective.metric", required: true, allowed: SearchObjectives.Metrics);
        var mode = fields.ReadString(objective, "mode", "objective.mode", required: false, allowed: SearchObjectives.Modes);
        if (metric is null)
        {
            return null;
        }

        var natural = SearchObjectives.NaturalMode(metric);
        if (mode is not null && mode != natural)
        {
            fields.Error("objective.mode", $"'{mode}' would search for the worst {metric}; {metric} is better when {(natural == "max" ? "larger" : "smaller")}: use \"{natural}\"");
        }

        return new SweepObjective { Metric = metric, Mode = mode ?? natural };
    }

    /// <summary>The scheduler, or null when absent.</summary>
    public SweepTrialScheduler? ReadScheduler(JsonElement root, bool searching, SweepObjective? objective)
    {
        if (!root.TryGetProperty("scheduler", out var scheduler))
        {
            return null;
        }

        if (scheduler.ValueKind != JsonValueKind.Object)
        {
            fields.Error("scheduler", $"must be an object {{\"type\": one of {JsonFieldReader.Allowed(SchedulerCatalog.Default.Names)}, …its parameters}}");
            return null;
        }

        if (!searching)
        {
            fields.Error("scheduler", "needs a search (a space and a search block) to prune its trials against each other");
        }
        else if (objective is null && !root.TryGetProperty("objective", out _))
        {
            fields.Error("scheduler", "needs an objective to compare trials on: {\"metric\": \"validation_accuracy\", \"mode\": \"max\"}");
        }

        var type = fields.ReadString(scheduler, "type", "scheduler.type", required: true, allowed: [.. SchedulerCatalog.Default.Names]);
        var parameters = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in scheduler.EnumerateObject().Where(p => p.Name != "type"))
        {
            if (ParameterText(property.Value) is { } text)
            {
                parameters[property.Name] = text;
            }
            else
            {
                fields.Error("scheduler." + property.Name, "must be a finite number or a non-empty string");
            }
        }

        if (type is null)
        {
            return null;
        }

        try
        {
            SchedulerCatalog.Default.Create(type, parameters.ToImmutable());
        }
        catch (ArgumentException ex)
        {
            var named = parameters.Keys.FirstOrDefault(k => ex.Message.Contains(k, StringComparison.OrdinalIgnoreCase));
            fields.Error(named is null ? "scheduler" : "scheduler." + named, ex.Message);
        }

        return new SweepTrialScheduler { Type = type, Parameters = Named(parameters.ToImmutable()) };
    }

    /// <summary>
    /// A search varies only its space: every other setting has one value (one fraction, model and method, and
    /// one value per grid list), and a searched setting is not also listed in the grid.
    /// </summary>
    public void CheckFixedSettings(JsonElement root, ImmutableArray<double> fractions, ImmutableArray<string> models, SweepGrid grid, ImmutableArray<StoppingMethod> stopping)
    {
        const string Why = "a search varies only the settings of its space; search this one there or give one value";
        if (fractions.Length > 1)
        {
            fields.Error("fractions", $"has {fractions.Length} values; {Why}");
        }

        if (models.Length > 1)
        {
            fields.Error("grid.model", $"has {models.Length} models; {Why}");
        }

        if (stopping.Length > 1)
        {
            fields.Error("stopping", $"has {stopping.Length} methods; a search runs with one stopping method (submit one search per method)");
        }

        var lists = new (string Name, int Count)[]
        {
            ("lr", grid.LearningRates.Length), ("momentum", grid.Momenta.Length), ("batchSize", grid.BatchSizes.Length),
            ("weightDecay", grid.WeightDecays.Length), ("width", grid.Widths.Length), ("seed", grid.Seeds.Length),
            ("optimizer", grid.Optimizers.Length), ("betas", grid.Betas.Length),
        };
        foreach (var (name, count) in lists.Where(l => l.Count > 1))
        {
            fields.Error("grid." + name, $"has {count} values; {Why}");
        }

        if (root.TryGetProperty("space", out var space) && space.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("grid", out var gridElement) && gridElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in space.EnumerateObject().Where(p => gridElement.TryGetProperty(p.Name, out _)))
            {
                fields.Error("grid." + property.Name, $"is also searched (space.{property.Name}); a setting is either in the space or in the grid");
            }
        }

        if (space.ValueKind == JsonValueKind.Object && space.TryGetProperty("optimizer", out _) && root.TryGetProperty("optimizer", out _))
        {
            fields.Error("optimizer", "is also searched (space.optimizer); a setting is either in the space or fixed");
        }
    }

    private SearchSpace? ReadSpace(JsonElement element)
    {
        var result = SearchSpaceReader.Read(element, "space");
        foreach (var error in result.Errors)
        {
            fields.Error(error.Path, error.Message);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!SearchTrialSpecs.Parameters.Contains(property.Name))
            {
                fields.Error("space." + property.Name, $"is not a trial setting a search may set; allowed: {JsonFieldReader.Allowed(SearchTrialSpecs.Parameters)}");
            }
        }

        if (result.Space is not { } space)
        {
            return null;
        }

        foreach (var parameter in space.Parameters.Where(p => SearchTrialSpecs.Parameters.Contains(p.Name)))
        {
            if (SearchTrialSpecs.Problem(parameter) is { } problem)
            {
                fields.Error($"space.{parameter.Name}.{parameter.Distribution.Kind}", problem);
            }
        }

        return space;
    }

    private int? ReadInt(JsonElement parent, string property, string path, int? defaultValue, int min, int max)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            if (defaultValue is null)
            {
                fields.Error(path, $"is required: a whole number in [{min}, {max}]");
            }

            return defaultValue;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < min || value > max)
        {
            fields.Error(path, $"must be a whole number in [{min}, {max}]; got {element.GetRawText()}");
            return defaultValue;
        }

        return value;
    }

    private ImmutableSortedDictionary<string, string> ReadTextParameters(JsonElement parent, string property, string path)
    {
        var parameters = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(property, out var element))
        {
            return parameters.ToImmutable();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error(path, "must be an object of the sampler's parameters, e.g. {\"startUpTrials\": 5}");
            return parameters.ToImmutable();
        }

        foreach (var parameter in element.EnumerateObject())
        {
            if (ParameterText(parameter.Value) is { } text)
            {
                parameters[parameter.Name] = text;
            }
            else
            {
                fields.Error($"{path}.{parameter.Name}", "must be a finite number or a non-empty string");
            }
        }

        return parameters.ToImmutable();
    }

    private static ImmutableArray<NamedValue> Named(ImmutableSortedDictionary<string, string> parameters) =>
        [.. parameters.Select(p => new NamedValue(p.Key, p.Value))];

    private static string? ParameterText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when double.IsFinite(value.GetDouble()) => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String when value.GetString()!.Trim().Length > 0 => value.GetString()!.Trim(),
        _ => null,
    };
}
