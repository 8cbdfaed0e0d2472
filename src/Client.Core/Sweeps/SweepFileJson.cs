using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// A sweep definition written back as a sweep file, with the file's own field names (<c>grid.lr</c>,
/// <c>stopping[].method</c>, …), so the <c>sweep.json</c> of a results folder can be submitted again as is.
/// </summary>
public static class SweepFileJson
{
    /// <summary>The sweep file that reads back as <paramref name="definition"/>.</summary>
    public static string Write(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var grid = definition.Grid;
        var root = new JsonObject
        {
            ["name"] = definition.Name,
            ["dataset"] = definition.Dataset,
            ["fractions"] = Array(definition.Fractions),
            ["model"] = definition.Model,
            ["grid"] = new JsonObject
            {
                ["lr"] = Array(grid.LearningRates),
                ["momentum"] = Array(grid.Momenta),
                ["batchSize"] = Array(grid.BatchSizes),
                ["weightDecay"] = Array(grid.WeightDecays),
                ["width"] = Array(grid.Widths),
                ["seed"] = Array(grid.Seeds),
            },
            ["stopping"] = new JsonArray([.. definition.Stopping.Select(Method)]),
            ["maxEpochs"] = definition.MaxEpochs,
            ["probeSize"] = definition.ProbeSize,
            ["validationFraction"] = definition.ValidationFraction,
            ["concurrency"] = definition.Concurrency,
            ["device"] = definition.Device,
            ["checkpointEvery"] = definition.CheckpointEvery,
            ["maxRestarts"] = definition.MaxRestarts,
            ["recordTestAccuracy"] = definition.RecordTestAccuracy,
        };
        if (definition.Search is { } search)
        {
            AddSearch(root, search, definition);
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static void AddSearch(JsonObject root, SweepSearch search, SweepDefinition definition)
    {
        var space = JsonNode.Parse(search.Space)!.AsObject();

        // A searched setting is not also listed in the grid (the reader refuses that).
        var grid = root["grid"]!.AsObject();
        foreach (var (name, _) in space)
        {
            grid.Remove(name);
        }

        root["space"] = space;
        root["search"] = new JsonObject
        {
            ["sampler"] = search.Sampler,
            ["trials"] = search.Trials,
            ["seed"] = search.Seed,
            ["parameters"] = Parameters(search.SamplerParameters.Select(p => KeyValuePair.Create(p.Name, p.Value))),
        };
        if (search.BudgetEpochs is not null || search.BudgetSeconds is not null)
        {
            var budget = new JsonObject();
            if (search.BudgetEpochs is int epochs)
            {
                budget["epochs"] = epochs;
            }

            if (search.BudgetSeconds is double seconds)
            {
                budget["seconds"] = seconds;
            }

            root["search"]!["budget"] = budget;
        }

        if (definition.Refit is { } refit)
        {
            root["refit"] = new JsonObject { ["stopping"] = Method(refit.Stopping) };
        }

        if (definition.Objective is { } objective)
        {
            root["objective"] = new JsonObject { ["metric"] = objective.Metric, ["mode"] = objective.Mode };
        }

        if (definition.Scheduler is { } scheduler)
        {
            var node = Parameters(scheduler.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)));
            node["type"] = scheduler.Type;
            root["scheduler"] = node;
        }
    }

    private static JsonObject Method(StoppingMethod method) => new() { ["method"] = method.Name, ["parameters"] = Parameters(method.Parameters) };

    private static JsonObject Parameters(IEnumerable<KeyValuePair<string, string>> given)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in given)
        {
            // Numbers stay numbers so the file reads as one a person wrote; the reader accepts either.
            parameters[name] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
        }

        return parameters;
    }

    private static JsonArray Array<T>(IEnumerable<T> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
