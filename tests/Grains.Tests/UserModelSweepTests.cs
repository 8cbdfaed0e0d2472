using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using Orchestrator.TestData;

namespace Orchestrator.Grains.Tests;

/// <summary>A user's TorchScript model and NumPy data through a real sweep, and the silo's check of both at submission.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UserModelSweepTests(TestClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly string _data = Directory.CreateTempSubdirectory("orchestrator-user-sweep-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private SweepDefinition Sweep(string name, string model, string stopping, int maxEpochs = 30)
    {
        var npz = Path.Combine(_data, "data.npz");
        if (!File.Exists(npz))
        {
            NpyFiles.Archive(npz, NpyFiles.Separable(train: 300, test: 60, features: 12, classes: 3));
        }

        // The sweep file's folder is the test's output folder, where the TorchScript files are (and which the silo trusts).
        var json = $$"""
            { "name": "{{name}}", "dataset": {"npz": "{{npz}}"}, "model": {"torchscript": "torchscript/{{model}}"},
              "grid": { "lr": [0.01], "seed": [0], "optimizer": ["adam"] }, "stopping": [{{stopping}}],
              "maxEpochs": {{maxEpochs}}, "probeSize": 60 }
            """;
        var result = SweepFile.Parse(json, baseDirectory: AppContext.BaseDirectory);
        return result.Definition ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task A_torchscript_model_on_an_npz_runs_in_a_sweep_and_top_and_np_stop_it()
    {
        var sweep = Sweep("user-torchscript", "mlp.pt", """{ "method": "top", "parameters": { "patience": 2 } }, "np" """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("user-torchscript").Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, "user-torchscript", Synthetic.Done, Timeout);

        Assert.Equal(2, status.Trials.Length);
        foreach (var trial in status.Trials)
        {
            Assert.True(trial.State is TrialState.Stopped or TrialState.Completed, $"{trial.Spec.Stopping.Name}: {trial.State} {trial.Reason}");
            Assert.True(trial.TestAccuracy > 0.9, $"{trial.Spec.Stopping.Name}: test accuracy {trial.TestAccuracy}");
            var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.Equal(trial.EpochsRun, series.Length);
        }

        var top = status.Trials.Single(t => t.Spec.Stopping.Name == "top");
        Assert.Equal(TrialState.Stopped, top.State);
        Assert.True(top.StopEpoch < sweep.MaxEpochs, $"TOP stopped at {top.StopEpoch}");
    }

    [Theory]
    [InlineData("bad_logits.pt", "\"top\"", "model: forward returned shape [2]")]
    [InlineData("bad_connectome_rank.pt", "\"top\"", "model.connectome: ")]
    [InlineData("conv_only.pt", "\"top\", \"np\"", "stopping: 'np' (neural persistence) needs fully connected weights")]
    public async Task A_model_that_cannot_train_is_refused_at_submission_before_any_trial(string model, string stopping, string message)
    {
        var name = "user-bad-" + Path.GetFileNameWithoutExtension(model).Replace('_', '-');
        var coordinator = fixture.Client.GetGrain<ISweepCoordinatorGrain>(name);
        var ex = await Assert.ThrowsAsync<SweepRejectedException>(() => coordinator.Submit(Sweep(name, model, stopping)));
        Assert.Contains(message, ex.Message);
        Assert.Empty((await coordinator.GetStatus()).Trials);
    }
}
