using Orchestrator.Contracts;
using Orchestrator.Data.Models;
using Orchestrator.Sweeps;
using Orchestrator.TestData;

namespace Orchestrator.Grains.Tests;

/// <summary>The example .NET plugin, built from examples/plugin, trained in a sweep with its constructor parameter as a grid dimension.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PluginSweepTests(TestClusterFixture fixture, PluginBuild plugin) : IClassFixture<PluginBuild>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly string _data = Directory.CreateTempSubdirectory("orchestrator-plugin-sweep-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private SweepDefinition Sweep(string name, string type, string parameters)
    {
        _ = plugin;
        var npz = Path.Combine(_data, "data.npz");
        NpyFiles.Archive(npz, NpyFiles.Separable(train: 300, test: 60, features: 12, classes: 3));
        var json = $$"""
            { "name": "{{name}}", "dataset": {"npz": "{{npz}}"},
              "model": {"assembly": "{{PluginBuild.Folder}}/My.Models.dll", "type": "{{type}}", "parameters": {{parameters}} },
              "grid": { "lr": [0.05], "seed": [0] }, "stopping": [{ "method": "top", "parameters": { "patience": 2 } }],
              "maxEpochs": 30, "probeSize": 60 }
            """;
        var result = SweepFile.Parse(json, baseDirectory: AppContext.BaseDirectory);
        return result.Definition ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task The_example_plugin_trains_in_a_sweep_with_its_width_as_a_grid_dimension()
    {
        var sweep = Sweep("plugin-wide-net", "My.Models.WideNet", """{"hidden": [16, 32], "slope": 0.02}""");
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("plugin-wide-net").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "plugin-wide-net", Synthetic.Done, Timeout);

        Assert.Equal(["16", "32"], status.Trials.Select(t => UserModelReference.Parse(t.Spec.Model).Parameters!["hidden"]).Order());
        foreach (var trial in status.Trials)
        {
            Assert.True(trial.State is TrialState.Stopped or TrialState.Completed, $"{trial.State} {trial.Reason}");
            Assert.True(trial.TestAccuracy > 0.9, $"test accuracy {trial.TestAccuracy}");
            var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.NotEmpty(series);
        }
    }

    [Theory]
    [InlineData("My.Models.DeepNet", "{}", "model.type: ", "has no public type 'My.Models.DeepNet'; its networks: My.Models.WideNet")]
    [InlineData("My.Models.WideNetDefaults", "{}", "model.type: ", "is not a network")]
    [InlineData("My.Models.WideNet", """{"depth": 3}""", "model.parameters.depth: ", "no constructor parameter 'depth'")]
    [InlineData("My.Models.WideNet", """{"hidden": "wide"}""", "model.parameters.hidden: ", "'wide' is not a Int32")]
    [InlineData("My.Models.WideNet", """{"hidden": 1}""", "model: ", "hidden must be at least 2")]
    public async Task A_plugin_that_cannot_be_built_is_refused_at_submission_naming_the_field(string type, string parameters, string field, string message)
    {
        var name = "plugin-bad-" + Math.Abs((type + parameters).GetHashCode(StringComparison.Ordinal));
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>(name);
        var ex = await Assert.ThrowsAsync<SweepRejectedException>(() => coordinator.Submit(Sweep(name, type, parameters)));
        Assert.StartsWith(field, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message);
        Assert.Empty((await coordinator.GetStatus()).Trials);
    }
}
