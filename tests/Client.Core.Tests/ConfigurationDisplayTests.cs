using Orchestrator.Client.Core.Reports;
using Orchestrator.Data;
using Orchestrator.Data.Models;
using Orchestrator.Data.Numpy;

namespace Orchestrator.Client.Core.Tests;

/// <summary>Reports name a user's model and data by their files; trials.csv keeps the resubmittable canonical text.</summary>
public sealed class ConfigurationDisplayTests
{
    [Fact]
    public void A_torchscript_model_and_an_npz_data_set_are_shown_by_file_name_in_configuration_titles()
    {
        var model = new UserModelReference { TorchScript = "/home/me/models/wide.pt", Connectome = "connectome" }.ToString();
        var data = NumpyDatasetFiles.FromArchive("/home/me/data/digits.npz").ToString();
        var trial = new Dictionary<string, string> { ["dataset"] = data, ["model"] = model, ["lr"] = "0.01" };

        var title = ConfigurationParameters.Describe(trial, ["dataset", "model", "lr"]);

        Assert.Equal("dataset=digits.npz, model=wide.pt, lr=0.01", title);
    }

    [Fact]
    public void A_plugin_model_is_shown_by_type_and_constructor_parameters_and_catalog_names_as_they_are()
    {
        var plugin = new UserModelReference
        {
            Assembly = "/home/me/My.Models.dll",
            Type = "My.Models.WideNet",
            Parameters = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["hidden"] = "512" },
        }.ToString();

        Assert.Equal("WideNet(hidden=512)", ConfigurationParameters.Display("model", plugin));
        Assert.Equal("mlp-fashion", ConfigurationParameters.Display("model", "mlp-fashion"));
        Assert.Equal("fashion-mnist", ConfigurationParameters.Display("dataset", "fashion-mnist"));
    }
}
