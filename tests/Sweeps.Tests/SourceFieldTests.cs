using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;
using Orchestrator.TestData;

namespace Orchestrator.Sweeps.Tests;

public sealed class SourceFieldTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-sweep-sources-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SweepFileResult Load(string dataset, string model = "\"mlp-small\"", string grid = "")
    {
        var path = Path.Combine(_folder, "sweep.json");
        File.WriteAllText(path, $$"""{ "dataset": {{dataset}}, "model": {{model}}, "stopping": ["top"], "grid": { "seed": [0] {{grid}} } }""");
        return SweepFile.Load(path);
    }

    private void WriteData(string relative = "data/my.npz")
    {
        var full = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        NpyFiles.Archive(full, NpyFiles.Separable(20, 10));
    }

    [Fact]
    public void An_npz_path_is_read_from_the_sweep_files_folder_into_the_trials_dataset()
    {
        WriteData();
        var result = Load("{\"npz\": \"data/my.npz\"}");
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var files = NumpyDatasetFiles.Parse(result.Definition!.Dataset);
        Assert.Equal(Path.Combine(_folder, "data", "my.npz"), files.Archive);
        Assert.All(TrialExpansion.Expand(result.Definition), t => Assert.Equal(result.Definition.Dataset, t.Dataset));
    }

    [Fact]
    public void A_bad_array_is_refused_at_reading_naming_the_dataset_field()
    {
        var arrays = NpyFiles.Separable(20, 10);
        arrays.Remove("x_test");
        NpyFiles.Archive(Path.Combine(_folder, "bad.npz"), arrays);
        var error = Assert.Single(Load("{\"npz\": \"bad.npz\"}").Errors);
        Assert.Equal("dataset", error.Path);
        Assert.Contains("lacks x_test", error.Message);
    }

    [Theory]
    [InlineData("{\"npz\": \"../elsewhere/my.npz\"}", "dataset.npz", "contains '..'")]
    [InlineData("{\"npz\": \"data/none.npz\"}", "dataset.npz", "does not exist")]
    [InlineData("{\"x_train\": \"x.npy\"}", "dataset.y_train", "is required")]
    [InlineData("{\"csv\": \"x.csv\"}", "dataset.csv", "unknown property")]
    [InlineData("[1]", "dataset", "must be a string")]
    public void A_bad_dataset_reference_is_named_by_its_json_path(string dataset, string path, string message)
    {
        WriteData();
        File.WriteAllBytes(Path.Combine(_folder, "x.npy"), []);
        var errors = Load(dataset).Errors;
        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_through_a_symbolic_link_is_refused()
    {
        WriteData("real/my.npz");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "linked"), Path.Combine(_folder, "real"));
        var error = Assert.Single(Load("{\"npz\": \"linked/my.npz\"}").Errors);
        Assert.Equal("dataset.npz", error.Path);
        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void A_torchscript_model_and_plugin_parameter_lists_become_one_trial_per_model()
    {
        WriteData();
        File.WriteAllText(Path.Combine(_folder, "net.pt"), "stand-in: the reader checks the path, the silo the content");
        File.WriteAllText(Path.Combine(_folder, "My.Models.dll"), "stand-in");
        var result = Load(
            "{\"npz\": \"data/my.npz\"}",
            model: "\"mlp-small\"",
            grid: ", \"model\": []");
        Assert.Contains(result.Errors, e => e.Path == "grid.model");

        var path = Path.Combine(_folder, "grid.json");
        File.WriteAllText(path, """
            { "dataset": {"npz": "data/my.npz"}, "stopping": ["top"],
              "grid": { "model": [ {"torchscript": "net.pt", "connectome": "hidden"},
                                   {"assembly": "My.Models.dll", "type": "My.Models.WideNet", "parameters": {"hidden": [16, 32], "slope": 0.1}} ] } }
            """);
        var sweep = SweepFile.Load(path);
        Assert.True(sweep.IsValid, string.Join("; ", sweep.Errors));
        var models = TrialExpansion.Expand(sweep.Definition!).Select(t => UserModelReference.Parse(t.Model)).ToArray();
        Assert.Equal(3, models.Length);
        Assert.Equal("hidden", models[0].Connectome);
        Assert.Equal(Path.Combine(_folder, "net.pt"), models[0].TorchScript);
        Assert.Equal(["16", "32"], models.Skip(1).Select(m => m.Parameters!["hidden"]));
        Assert.All(models.Skip(1), m => Assert.Equal("0.1", m.Parameters!["slope"]));
        Assert.Equal("WideNet(hidden=16,slope=0.1)", models[1].DisplayName);
    }

    [Theory]
    [InlineData("{\"torchscript\": \"missing.pt\"}", "model.torchscript", "does not exist")]
    [InlineData("{\"torchscript\": \"net.pt\", \"connectome\": \"no-dashes\"}", "model.connectome", "method name")]
    [InlineData("{\"assembly\": \"My.Models.dll\"}", "model.type", "is required")]
    [InlineData("{\"onnx\": \"net.onnx\"}", "model", "must name \"torchscript\"")]
    [InlineData("\"resnet\"", "model", "unknown value 'resnet'")]
    public void A_bad_model_reference_is_named_by_its_json_path(string model, string path, string message)
    {
        WriteData();
        File.WriteAllText(Path.Combine(_folder, "net.pt"), "stand-in");
        File.WriteAllText(Path.Combine(_folder, "My.Models.dll"), "stand-in");
        var errors = Load("{\"npz\": \"data/my.npz\"}", model).Errors;
        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
