using Orchestrator.Client;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Client.Sweeps;
using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CancelledWatchTests(TestClusterFixture fixture) : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "orchestrator-ctrlc-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    [Fact]
    public async Task Ctrl_c_while_watching_cancels_the_sweep_and_writes_partial_results()
    {
        var sweep = Synthetic.Sweep("ctrl-c", """ "grid": { "seed": [0, 1, 2] }, "stopping": ["none"], "maxEpochs": 1000, "concurrency": 2 """);
        await fixture.Client.GetGrain<ISweepCoordinatorGrain>("ctrl-c").Submit(sweep);
        await Synthetic.WaitAsync(fixture.Client, "ctrl-c", s => s.Trials.Count(t => t.EpochsRun >= 1) >= 2, TimeSpan.FromSeconds(60));

        // What the first Ctrl-C does: the token the monitor watches fires.
        using var ctrlC = new CancellationTokenSource();
        await ctrlC.CancelAsync();
        var context = new CliContext(new StringWriter(), new StringWriter());
        var (status, cancelled) = await SweepTerminal.WatchAsync(context, fixture.Client, "ctrl-c", ctrlC.Token);
        var code = await SweepTerminal.FinishAsync(context, fixture.Client, new SweepWatch(status, cancelled), _results);

        Assert.True(cancelled);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.All(status.Trials, t => Assert.Equal(TrialState.Cancelled, t.State));
        Assert.All(status.Trials, t => Assert.True(t.EpochsRun < sweep.MaxEpochs));
        Assert.Contains("Partial results", File.ReadAllText(Path.Combine(_results, "ctrl-c", "summary.md")), StringComparison.Ordinal);
        var epochRows = File.ReadAllLines(Path.Combine(_results, "ctrl-c", "epochs.csv")).Length - 1;
        Assert.Equal(status.Trials.Sum(t => t.EpochsRun), epochRows);
    }
}
