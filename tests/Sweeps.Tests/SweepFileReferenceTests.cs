using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

/// <summary>src/Sweeps/sweep-file.md against the validator, so the reference cannot drift from what is accepted.</summary>
public sealed partial class SweepFileReferenceTests
{
    private const string Minimal = """{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"] }""";

    private static readonly Dictionary<string, (string Type, string Default, string Allowed, string Example)> Rows = Read();

    private static Dictionary<string, (string, string, string, string)> Read()
    {
        var rows = new Dictionary<string, (string, string, string, string)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryRoot.Path("src", "Sweeps", "sweep-file.md")))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length == 7 && FieldCell().Match(cells[1]) is { Success: true } field)
            {
                rows[field.Groups[1].Value] = (cells[2], cells[3], cells[4], cells[5].Trim('`'));
            }
        }

        return rows;
    }

    [GeneratedRegex("^`([A-Za-z.\\[\\]]+)`$")]
    private static partial Regex FieldCell();

    [Fact]
    public void Every_field_the_validator_knows_is_documented_and_nothing_else()
    {
        var expected = SweepSchema.TopLevelProperties
            .Concat(SweepSchema.GridProperties.Select(p => "grid." + p))
            .Concat(SweepSchema.StoppingProperties.Select(p => "stopping[]." + p))
            .Concat(SweepSchema.SearchProperties.Select(p => "search." + p))
            .Concat(SweepSchema.ObjectiveProperties.Select(p => "objective." + p))
            .Concat(SweepSchema.RefitProperties.Select(p => "refit." + p));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Rows.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_example_is_accepted_in_place()
    {
        foreach (var (field, row) in Rows)
        {
            var json = With(field, row.Example);
            var result = SweepFile.Parse(json);
            Assert.True(result.Errors.Count == 0, $"{field} example {row.Example}: {string.Join("; ", result.Errors)}");
        }
    }

    [Fact]
    public void Every_documented_default_is_what_the_validator_fills_in()
    {
        var definition = SweepFile.Parse(Minimal, defaultName: "minimal").Definition!;
        var actual = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["fractions"] = definition.Fractions,
            ["grid.lr"] = definition.Grid.LearningRates,
            ["grid.momentum"] = definition.Grid.Momenta,
            ["grid.batchSize"] = definition.Grid.BatchSizes,
            ["grid.weightDecay"] = definition.Grid.WeightDecays,
            ["grid.width"] = definition.Grid.Widths,
            ["grid.seed"] = definition.Grid.Seeds,
            ["maxEpochs"] = definition.MaxEpochs,
            ["probeSize"] = definition.ProbeSize,
            ["validationFraction"] = definition.ValidationFraction,
            ["concurrency"] = definition.Concurrency,
            ["device"] = definition.Device,
            ["checkpointEvery"] = definition.CheckpointEvery,
            ["maxRestarts"] = definition.MaxRestarts,
            ["recordTestAccuracy"] = definition.RecordTestAccuracy,
        };
        foreach (var (field, value) in actual)
        {
            Assert.Equal(JsonSerializer.Serialize(value), JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(Rows[field].Default.Trim('`'))));
        }

        Assert.Equal("minimal", definition.Name);
        Assert.Equal("required", Rows["dataset"].Default);
        Assert.Equal("required", Rows["stopping"].Default);
    }

    [Fact]
    public void The_allowed_devices_and_stopping_methods_are_the_catalogs()
    {
        Assert.Equal(string.Join(", ", TrainingDevices.Names.Select(n => $"`{n}`")), Rows["device"].Allowed);
        var methods = StoppingCriterionCatalog.Default.Names.ToList();
        Assert.All(methods, m => Assert.Contains($"`{m}`", Rows["stopping[].method"].Allowed, StringComparison.Ordinal));
        Assert.Equal(methods.Count, Regex.Matches(Rows["stopping[].method"].Allowed.Split('(')[0], "`[a-z]+`").Count);
    }

    /// <summary>The minimal sweep with <paramref name="field"/> set to <paramref name="example"/>.</summary>
    private static string With(string field, string example)
    {
        var root = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Minimal)!;
        var value = JsonSerializer.Deserialize<JsonElement>(example);
        switch (field.Split('.'))
        {
            case ["grid", var list]:
                root["grid"] = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [list] = value });
                if (list == "model")
                {
                    // The models are named in one place: grid.model replaces the top-level model.
                    root.Remove("model");
                }

                break;
            case ["stopping[]", "method"]:
                root["stopping"] = JsonSerializer.SerializeToElement(new[] { new Dictionary<string, JsonElement> { ["method"] = value } });
                break;
            case ["stopping[]", "parameters"]:
                root["stopping"] = JsonSerializer.SerializeToElement(new[] { new Dictionary<string, JsonElement> { ["method"] = JsonSerializer.SerializeToElement("top"), ["parameters"] = value } });
                break;
            case ["space" or "search" or "objective" or "scheduler" or "refit", ..] path:
                // The search blocks only make sense together: each example goes into a small search.
                root["space"] = JsonSerializer.SerializeToElement(new { lr = new { loguniform = new[] { 0.001, 0.3 } } });
                root["search"] = JsonSerializer.SerializeToElement(new { sampler = "tpe", trials = 4 });
                root["objective"] = JsonSerializer.SerializeToElement(new { metric = "validation_accuracy" });
                if (path.Length == 1)
                {
                    root[field] = value;
                }
                else if (!root.ContainsKey(path[0]))
                {
                    root[path[0]] = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [path[1]] = value });
                }
                else
                {
                    var block = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(root[path[0]])!;
                    block[path[1]] = value;
                    root[path[0]] = JsonSerializer.SerializeToElement(block);
                }

                break;
            default:
                root[field] = value;
                break;
        }

        if (field is "dataset" or "model")
        {
            // A dataset and its model are examples together: the quickstart's.
            root["dataset"] = JsonSerializer.SerializeToElement("fashion-mnist");
            root["model"] = JsonSerializer.SerializeToElement("mlp-fashion");
        }

        return JsonSerializer.Serialize(root);
    }
}
