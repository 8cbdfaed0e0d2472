using Orchestrator.Client.Core.Reports;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Data;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A tiny version of each runnable sweep file in experiments/ (2 epochs, 1 seed, a
/// small fraction and probe) runs to completion on the test cluster and yields a report.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ExperimentFilesTests(TestClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);
    private readonly string _results = Directory.CreateTempSubdirectory("orchestrator-experiments-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Theory]
    [InlineData("paper-data-limited-fashion-mnist.json")]
    [InlineData("paper-data-limited-mnist.json")]
    [InlineData("standin-architecture-limited-fashion-mnist.json")]
    public async Task A_tiny_version_of_the_sweep_runs_to_completion_and_reports(string file)
    {
        var sweep = Tiny(file);
        var sweepId = TrialExpansion.SweepIdOf(sweep.Name);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout);
        Assert.All(status.Trials, t => Assert.True(t.State is TrialState.Completed or TrialState.Stopped, $"{t.Spec.Stopping.Describe()}: {t.State} {t.Reason}"));
        Assert.Equal(sweep.Stopping.Select(s => s.Describe()).Order(StringComparer.Ordinal), status.Trials.Select(t => t.Spec.Stopping.Describe()).Distinct().Order(StringComparer.Ordinal));
        Assert.All(status.Trials, t => Assert.Equal(t.Spec.Stopping.Name == "vl" ? sweep.ValidationFraction : 0, t.Spec.ValidationFraction));

        var epochs = new Dictionary<string, IReadOnlyList<EpochRecord>>();
        foreach (var trial in status.Trials)
        {
            var series = await fixture.Client.GetGrain<ITopologyGrain>(trial.Spec.GrainKey).GetSeries();
            Assert.All(series, r => Assert.NotNull(r.Losses.TestAccuracy));
            epochs[trial.Spec.Id] = series;
        }

        var directory = SweepResultsWriter.Write(_results, status, epochs, partial: false);
        var written = ReportGenerator.Generate(directory, "test");
        Assert.Contains(Path.Combine(directory, "report.md"), written);
        Assert.Contains("### Headline", File.ReadAllText(Path.Combine(directory, "report.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paper-architecture-limited.json")]
    [InlineData("paper-architecture-limited-cifar100.json")]
    public async Task Without_the_cifar_files_the_architecture_sweep_says_where_to_put_them(string file)
    {
        var sweep = Tiny(file);
        var availability = DatasetCatalog.Default.Availability(sweep.Dataset);
        var sweepId = TrialExpansion.SweepIdOf(sweep.Name);
        if (!availability.Available)
        {
            // Refused at submission by the silo (SweepPreflight), not N failed trials: the refusal says where to put the files.
            var refused = await Assert.ThrowsAsync<SweepRejectedException>(() => fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep));
            Assert.Contains(availability.InstallHint, refused.Message, StringComparison.Ordinal);
            Assert.Empty((await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).GetStatus()).Trials);
            return;
        }

        await fixture.Client.GetGrain<ISweepCoordinatorGrain>(sweepId).Submit(sweep);
        var status = await Synthetic.WaitAsync(fixture.Client, sweepId, Synthetic.Done, Timeout);
        Assert.All(status.Trials, trial => Assert.True(trial.State is TrialState.Completed or TrialState.Stopped, trial.Reason));
    }

    /// <summary>The file's design, shrunk: 2 epochs, seed 0, the narrowest width, a small subset and probe.</summary>
    private static SweepDefinition Tiny(string file)
    {
        var definition = SweepFile.Load(Path.Combine(ExperimentsDirectory(), file)).Definition
            ?? throw new InvalidOperationException($"{file} does not validate");

        return definition with
        {
            Name = "tiny-" + definition.Name,
            Fractions = [definition.Dataset == "mnist" ? 0.05 : 0.01],
            MaxEpochs = 2,
            ProbeSize = 50,
            Grid = definition.Grid with { Seeds = [0], Widths = [definition.Grid.Widths.Min()] },
            Concurrency = 2,
            CheckpointEvery = 1,
        };
    }

    private static string ExperimentsDirectory() => RepositoryRoot.Path("experiments");
}
