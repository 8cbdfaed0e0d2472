using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Topology.Stopping;

namespace Orchestrator.Sweeps.Tests;

public sealed class SweepFileValidationTests
{
    private const string ValidSweep = """
        {
          "name": "unit",
          "dataset": "synthetic",
          "fractions": [0.5, 1.0],
          "model": "mlp-small",
          "grid": { "lr": [0.01, 0.1], "momentum": [0.9], "batchSize": [16], "weightDecay": [0], "width": [1], "seed": [0, 1, 2] },
          "stopping": [ { "method": "top", "parameters": { "patience": 2 } }, "vl" ],
          "maxEpochs": 5,
          "probeSize": 64,
          "concurrency": 2,
          "device": "cpu"
        }
        """;

    [Fact]
    public void A_valid_sweep_parses_with_its_values()
    {
        var result = SweepFile.Parse(ValidSweep);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var sweep = result.Definition!;
        Assert.Equal("unit", sweep.Name);
        Assert.Equal([0.5, 1.0], sweep.Fractions);
        Assert.Equal([0.01, 0.1], sweep.Grid.LearningRates);
        Assert.Equal([0, 1, 2], sweep.Grid.Seeds);
        Assert.Equal(["top", "vl"], sweep.Stopping.Select(s => s.Name));
        Assert.Equal("2", sweep.Stopping[0].Parameters["patience"]);
        Assert.Equal(5, sweep.MaxEpochs);
        Assert.Equal(2, sweep.Concurrency);
    }

    [Theory]
    [InlineData("\"lr\": [0.01, 0.1, -1]", "grid.lr[2]", "must be in (0, 1e6]")]
    [InlineData("\"lr\": [0.01, 0.1, 0]", "grid.lr[2]", "must be in (0, 1e6]")]
    [InlineData("\"lr\": []", "grid.lr", "must not be empty")]
    [InlineData("\"lr\": 0.1", "grid.lr", "must be a list")]
    [InlineData("\"lr\": [0.1, 0.1]", "grid.lr[1]", "duplicates")]
    [InlineData("\"momentum\": [1.0]", "grid.momentum[0]", "must be in [0, 1)")]
    [InlineData("\"batchSize\": [0]", "grid.batchSize[0]", "must be in [1,")]
    [InlineData("\"batchSize\": [1.5]", "grid.batchSize[0]", "whole number")]
    [InlineData("\"weightDecay\": [-0.1]", "grid.weightDecay[0]", "must be >= 0")]
    [InlineData("\"width\": [0]", "grid.width[0]", "must be in (0, 64]")]
    [InlineData("\"seed\": [-1]", "grid.seed[0]", "must be in [0,")]
    [InlineData("\"seed\": [\"a\"]", "grid.seed[0]", "whole number")]
    [InlineData("\"depth\": [3]", "grid.depth", "unknown property; allowed: lr, momentum, batchSize, weightDecay, width, seed")]
    public void A_bad_grid_value_is_named_by_its_json_path(string gridBody, string path, string message)
    {
        var json = $$"""{ "dataset": "synthetic", "model": "mlp-small", "grid": { {{gridBody}} }, "stopping": ["top"] }""";
        AssertSingleError(json, path, message);
    }

    [Theory]
    [InlineData("\"dataset\": \"imagenet\"", "dataset", "allowed: cifar10, cifar100, fashion-mnist, mnist, synthetic")]
    [InlineData("\"dataset\": 3", "dataset", "must be a string")]
    [InlineData("\"fractions\": [0.5, 1.5]", "fractions[1]", "must be in (0, 1]")]
    [InlineData("\"fractions\": [0]", "fractions[0]", "must be in (0, 1]")]
    [InlineData("\"maxEpochs\": 0", "maxEpochs", "must be in [1,")]
    [InlineData("\"probeSize\": 1", "probeSize", "must be in [2,")]
    [InlineData("\"concurrency\": 0", "concurrency", "must be in [1,")]
    [InlineData("\"device\": \"tpu\"", "device", "allowed: cpu, cuda, auto")]
    [InlineData("\"model\": \"resnet\"", "model", "allowed: mlp-fashion, mlp-mnist, mlp-small, vgg-small")]
    [InlineData("\"validationFraction\": 1", "validationFraction", "must be in (0, 1)")]
    [InlineData("\"checkpointEvery\": 0", "checkpointEvery", "must be in [1,")]
    [InlineData("\"maxRestarts\": -1", "maxRestarts", "must be in [0,")]
    [InlineData("\"gpuMemoryMiB\": 0", "gpuMemoryMiB", "must be in [1, 1048576]")]
    [InlineData("\"gpuMemoryMiB\": 1.5", "gpuMemoryMiB", "must be a whole number in [1, 1048576]")]
    [InlineData("\"colour\": \"red\"", "colour", "unknown property")]
    [InlineData("\"name\": \"???\"", "name", "letter or digit")]
    public void A_bad_top_level_value_is_named_by_its_json_path(string property, string path, string message)
    {
        // The bad value replaces the valid one of the same key (a key given twice is an error of its own).
        var key = property[1..property.IndexOf('"', 1)];
        var valid = new Dictionary<string, string> { ["dataset"] = "\"synthetic\"", ["model"] = "\"mlp-small\"", ["stopping"] = "[\"top\"]" };
        var others = valid.Where(p => p.Key != key).Select(p => $"\"{p.Key}\": {p.Value}");
        var json = "{ " + string.Join(", ", others.Append(property)) + " }";
        Assert.Single(json.Split($"\"{key}\"", StringSplitOptions.None).Skip(1));
        AssertSingleError(json, path, message);
    }

    [Fact]
    public void The_sweep_file_accepts_exactly_the_datasets_and_models_of_the_catalogs()
    {
        // The names come from the catalogs themselves; this pins that every one of them is accepted and the
        // error for any other lists them all.
        Assert.All(DatasetCatalog.Default.Names, dataset => Assert.True(
            SweepFile.Parse($$"""{ "dataset": "{{dataset}}", "model": "mlp-small", "stopping": ["top"] }""").IsValid, dataset));
        Assert.All(ModelDescriptorCatalog.Default.Names, model => Assert.True(
            SweepFile.Parse($$"""{ "dataset": "synthetic", "model": "{{model}}", "stopping": ["top"] }""").IsValid, model));
        AssertSingleError("""{ "dataset": "imagenet", "model": "mlp-small", "stopping": ["top"] }""", "dataset", "allowed: " + string.Join(", ", DatasetCatalog.Default.Names));
        AssertSingleError("""{ "dataset": "synthetic", "model": "resnet", "stopping": ["top"] }""", "model", "allowed: " + string.Join(", ", ModelDescriptorCatalog.Default.Names));
    }

    [Fact]
    public void The_sweep_file_accepts_exactly_the_criteria_of_the_topology_catalog()
    {
        Assert.All(StoppingCriterionCatalog.Default.Names, method => Assert.True(
            SweepFile.Parse($$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["{{method}}"] }""").IsValid, method));
        AssertSingleError("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["early"] }""", "stopping[0]", "allowed: " + string.Join(", ", StoppingCriterionCatalog.Default.Names));
    }

    [Fact]
    public void The_sweep_file_accepts_exactly_the_training_devices()
    {
        Assert.All(TrainingDevices.Names, device => Assert.Equal(device,
            SweepFile.Parse($$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"], "device": "{{device}}" }""").Definition!.Device));
        Assert.Equal(TrainingDevices.Cpu, SweepFile.Parse("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["top"] }""").Definition!.Device);
    }

    [Theory]
    [InlineData("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "maxEpochs": 2, "maxEpochs": 5000 }""", "maxEpochs")]
    [InlineData("""{ "dataset": "synthetic", "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"] }""", "dataset")]
    [InlineData("""{ "dataset": "synthetic", "model": "mlp-small", "grid": { "lr": [0.1], "lr": [0.2] }, "stopping": ["none"] }""", "grid.lr")]
    [InlineData("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["top", { "method": "vl", "parameters": { "patience": 2, "patience": 9 } }] }""", "stopping[1].parameters.patience")]
    [InlineData("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": [{ "method": "top", "method": "vl" }] }""", "stopping[0].method")]
    public void A_key_given_twice_is_an_error_at_its_json_path(string json, string path)
    {
        AssertSingleError(json, path, "appears twice");
    }

    [Fact]
    public void A_key_given_three_times_is_reported_once_with_its_count()
    {
        AssertSingleError("""{ "dataset": "synthetic", "model": "mlp-small", "stopping": ["none"], "probeSize": 10, "probeSize": 20, "probeSize": 30 }""", "probeSize", "appears 3 times");
    }

    [Theory]
    [InlineData("[]", "stopping", "non-empty list")]
    [InlineData("[\"patience\"]", "stopping[0]", "allowed: fp, none, np, top, vl")]
    [InlineData("[{ \"method\": \"early\" }]", "stopping[0].method", "allowed: fp, none, np, top, vl")]
    [InlineData("[{ \"parameters\": {} }]", "stopping[0].method", "is required")]
    [InlineData("[{ \"method\": \"top\", \"parameters\": { \"patience\": [1] } }]", "stopping[0].parameters.patience", "finite number or a non-empty string")]
    [InlineData("[{ \"method\": \"top\", \"parameters\": { \"smoothing\": \"\" } }]", "stopping[0].parameters.smoothing", "finite number or a non-empty string")]
    [InlineData("[{ \"method\": \"top\", \"every\": 2 }]", "stopping[0].every", "allowed: method, parameters")]
    [InlineData("[\"top\", { \"method\": \"top\" }]", "stopping[1]", "duplicates")]
    public void A_bad_stopping_method_is_named_by_its_json_path(string stopping, string path, string message)
    {
        var json = $$"""{ "dataset": "synthetic", "model": "mlp-small", "stopping": {{stopping}} }""";
        AssertSingleError(json, path, message);
    }

    [Fact]
    public void Missing_required_properties_are_each_reported()
    {
        var result = SweepFile.Parse("{}");
        Assert.False(result.IsValid);
        Assert.Equal(["dataset", "model", "stopping"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Malformed_json_reports_the_line()
    {
        var result = SweepFile.Parse("{\n  \"dataset\": \"synthetic\",\n  \"model\": \n}");
        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var result = SweepFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json"));
        Assert.Contains("does not exist", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var json = """{ "dataset": "x", "model": "mlp-small", "grid": { "lr": [-1, -2] }, "stopping": ["top"], "maxEpochs": 0 }""";
        var result = SweepFile.Parse(json);
        Assert.Equal(["dataset", "grid.lr[0]", "grid.lr[1]", "maxEpochs"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Null(result.Definition);
    }

    private static void AssertSingleError(string json, string path, string message)
    {
        var result = SweepFile.Parse(json);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
    }
}
