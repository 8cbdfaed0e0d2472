using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Data.Optimization;

namespace Orchestrator.Sweeps;

/// <summary>Reads a sweep file's optimizer fields: <c>optimizer</c>, <c>grid.optimizer</c>, <c>grid.betas</c>, <c>nesterov</c>, <c>schedule</c>.</summary>
internal static class OptimizerFieldReader
{
    /// <summary>The optimizers: <c>grid.optimizer</c> (a list) or the top-level <c>optimizer</c> (one name), not both; default <c>sgd</c>.</summary>
    public static ImmutableArray<string> ReadOptimizers(JsonFieldReader fields, JsonElement root, JsonElement? grid)
    {
        var allowed = OptimizerKinds.Names;
        var single = fields.ReadString(root, "optimizer", "optimizer", required: false, allowed: allowed);
        if (grid is not { } g || !g.TryGetProperty("optimizer", out var list))
        {
            return [single ?? OptimizerKinds.Sgd];
        }

        if (root.TryGetProperty("optimizer", out _))
        {
            fields.Error("grid.optimizer", "is given with the top-level optimizer; name the optimizers in one place");
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            fields.Error("grid.optimizer", $"must be a non-empty list of {JsonFieldReader.Allowed(allowed)}");
            return [OptimizerKinds.Sgd];
        }

        if (!fields.WithinTrialLimit(list, "grid.optimizer"))
        {
            return [OptimizerKinds.Sgd];
        }

        var names = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"grid.optimizer[{index++}]";
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (name is null || !OptimizerKinds.IsKnown(name))
            {
                fields.Error(path, $"must be one of {JsonFieldReader.Allowed(allowed)}");
            }
            else if (!seen.Add(name))
            {
                fields.Error(path, $"duplicates {BoundedQuote.Of(name)}; each value may appear once");
            }
            else
            {
                names.Add(name);
            }
        }

        return names.ToImmutable();
    }

    /// <summary><c>grid.betas</c>: a list of [β₁, β₂] pairs, each in [0, 1); default [[0.9, 0.999]].</summary>
    public static ImmutableArray<AdamBetas> ReadBetas(JsonFieldReader fields, JsonElement grid)
    {
        ImmutableArray<AdamBetas> defaults = [new(0.9, 0.999)];
        if (!grid.TryGetProperty("betas", out var list))
        {
            return defaults;
        }

        const string Shape = "must be a non-empty list of [beta1, beta2] pairs, each in [0, 1), e.g. [[0.9, 0.999]]";
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            fields.Error("grid.betas", Shape);
            return defaults;
        }

        if (!fields.WithinTrialLimit(list, "grid.betas"))
        {
            return defaults;
        }

        var pairs = ImmutableArray.CreateBuilder<AdamBetas>();
        var seen = new HashSet<AdamBetas>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"grid.betas[{index++}]";
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2
                || item.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number || !(v.GetDouble() is >= 0 and < 1)))
            {
                fields.Error(path, "must be a pair [beta1, beta2] with each in [0, 1), e.g. [0.9, 0.999]");
                continue;
            }

            var pair = new AdamBetas(item[0].GetDouble(), item[1].GetDouble());
            if (!seen.Add(pair))
            {
                fields.Error(path, "duplicates an earlier pair; each value may appear once");
                continue;
            }

            pairs.Add(pair);
        }

        return pairs.ToImmutable();
    }

    /// <summary>
    /// <c>schedule</c>: <c>"constant"</c> (default), <c>"cosine"</c>, <c>"step"</c>, or an object
    /// <c>{"name": "step", "stepSize": 10, "gamma": 0.1}</c> / <c>{"name": "cosine", "minFactor": 0.01}</c>.
    /// </summary>
    public static LearningRateSchedule ReadSchedule(JsonFieldReader fields, JsonElement root)
    {
        if (!root.TryGetProperty("schedule", out var element))
        {
            return LearningRateSchedule.Constant;
        }

        var kinds = JsonFieldReader.Allowed(LearningRateSchedule.Kinds);
        if (element.ValueKind == JsonValueKind.String)
        {
            var kind = element.GetString()!;
            if (!LearningRateSchedule.Kinds.Contains(kind))
            {
                fields.Error("schedule", $"unknown value {BoundedQuote.Of(kind)}; allowed: {kinds}, or an object {{\"name\": \"step\", \"stepSize\": 10, \"gamma\": 0.1}}");
                return LearningRateSchedule.Constant;
            }

            return new LearningRateSchedule(kind);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            fields.Error("schedule", $"must be one of {kinds} or an object {{\"name\": \"step\", \"stepSize\": 10, \"gamma\": 0.1}}");
            return LearningRateSchedule.Constant;
        }

        fields.CheckUnknown(element, "schedule.", SweepSchema.ScheduleProperties);
        var name = fields.ReadString(element, "name", "schedule.name", required: true, allowed: LearningRateSchedule.Kinds) ?? "constant";
        var stepSize = Number(fields, element, "stepSize", 10, v => v >= 1 && v <= 100_000 && v == Math.Floor(v), "must be a whole number ≥ 1");
        var gamma = Number(fields, element, "gamma", 0.1, v => v > 0 && v <= 1, "must be in (0, 1]");
        var minFactor = Number(fields, element, "minFactor", 0, v => v >= 0 && v < 1, "must be in [0, 1)");
        if (name != "step" && (element.TryGetProperty("stepSize", out _) || element.TryGetProperty("gamma", out _)))
        {
            fields.Error("schedule", $"stepSize and gamma belong to the step schedule, not to {BoundedQuote.Of(name)}");
        }

        if (name != "cosine" && element.TryGetProperty("minFactor", out _))
        {
            fields.Error("schedule.minFactor", $"belongs to the cosine schedule, not to {BoundedQuote.Of(name)}");
        }

        return new LearningRateSchedule(name, (int)stepSize, gamma, minFactor);
    }

    private static double Number(JsonFieldReader fields, JsonElement parent, string property, double defaultValue, Func<double, bool> valid, string rule)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return defaultValue;
        }

        if (element.ValueKind != JsonValueKind.Number || !valid(element.GetDouble()))
        {
            fields.Error("schedule." + property, rule);
            return defaultValue;
        }

        return element.GetDouble();
    }
}
