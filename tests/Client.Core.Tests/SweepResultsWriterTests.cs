using System.Collections.Immutable;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class SweepResultsWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orchestrator-results-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static SweepStatus Sweep()
    {
        var definition = SweepFile.Parse("""{ "name": "w", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["top", "vl"], "maxEpochs": 4 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select((spec, i) => new TrialStatus
        {
            Spec = spec,
            State = i == 0 ? TrialState.Stopped : TrialState.Completed,
            Reason = i == 0 ? "distance settled, patience 2" : "reached max epochs (4)",
            EpochsRun = i == 0 ? 3 : 4,
            StopEpoch = i == 0 ? 3 : 4,
            TestAccuracy = 0.5 + (0.1 * i),
            Seconds = 1 + i,
        }).ToImmutableArray();
        return new SweepStatus { SweepId = "w", State = SweepState.Finished, Definition = definition, Trials = trials };
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> Epochs(SweepStatus sweep) =>
        sweep.Trials.ToDictionary(
            t => t.Spec.Id,
            t => (IReadOnlyList<EpochRecord>)[.. Enumerable.Range(1, t.EpochsRun).Select(e => new EpochRecord { Epoch = e, Losses = new() { Training = 1.0 / e }, Signals = new() { Distance = e == 1 ? null : 0.1 * e } })]);

    [Fact]
    public void The_results_directory_has_its_files_with_one_row_per_trial_and_per_epoch()
    {
        var sweep = Sweep();
        var directory = SweepResultsWriter.Write(_root, sweep, Epochs(sweep), partial: false);
        Assert.Equal(Path.Combine(_root, "w"), directory);
        Assert.Equal(["epochs.csv", "status.json", "summary.md", "sweep.json", "trials.csv"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var trialRows = File.ReadAllLines(Path.Combine(directory, "trials.csv"));
        Assert.Equal(sweep.Trials.Length + 1, trialRows.Length);
        var epochRows = File.ReadAllLines(Path.Combine(directory, "epochs.csv"));
        Assert.Equal(sweep.Trials.Sum(t => t.EpochsRun) + 1, epochRows.Length);
        Assert.Contains("\"distance settled, patience 2\"", trialRows[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Partial", File.ReadAllText(Path.Combine(directory, "summary.md")), StringComparison.Ordinal);
        Assert.Contains("\"partial\": false", File.ReadAllText(Path.Combine(directory, "status.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_averages_stop_epoch_and_accuracy_per_method()
    {
        var sweep = Sweep();
        var summary = SweepSummary.Markdown(sweep, partial: false);
        foreach (var group in sweep.Trials.GroupBy(t => t.Spec.Stopping.Describe()))
        {
            var meanEpoch = group.Average(t => t.StopEpoch!.Value).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            var meanAccuracy = (group.Average(t => t.TestAccuracy!.Value) * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"| {group.Key} | {group.Count()} / {group.Count()} | {meanEpoch} | {meanAccuracy} % |", summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Partial_results_say_so_and_replace_an_older_directory()
    {
        var sweep = Sweep();
        SweepResultsWriter.Write(_root, sweep, Epochs(sweep), partial: false);
        var directory = SweepResultsWriter.Write(_root, sweep, Epochs(sweep), partial: true);
        Assert.Contains("Partial results", File.ReadAllText(Path.Combine(directory, "summary.md")), StringComparison.Ordinal);
        Assert.Contains("\"partial\": true", File.ReadAllText(Path.Combine(directory, "status.json")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory + ".writing"));
    }
}
