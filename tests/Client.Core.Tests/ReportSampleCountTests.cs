using System.Collections.Immutable;
using Orchestrator.Client.Core.Reports;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

/// <summary>The report's sample counts come from what each trial recorded in trials.csv, never from a table of dataset sizes.</summary>
public sealed class ReportSampleCountTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-report-samples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteResults(Func<TrialSpec, (int Training, int HoldOut)> samples)
    {
        var definition = SweepFile.Parse("""{ "name": "samples", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["top", "vl"], "maxEpochs": 4, "validationFraction": 0.25 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec => new TrialStatus
        {
            Spec = spec,
            State = TrialState.Completed,
            EpochsRun = 4,
            StopEpoch = 4,
            TestAccuracy = 0.5,
            TrainingSamples = samples(spec).Training,
            HoldOutSamples = samples(spec).HoldOut,
        }).ToImmutableArray();
        var sweep = new SweepStatus { SweepId = "samples", State = SweepState.Finished, Definition = definition, Trials = trials };
        var epochs = trials.ToDictionary(
            t => t.Spec.Id,
            t => (IReadOnlyList<EpochRecord>)[.. Enumerable.Range(1, 4).Select(e => new EpochRecord { Epoch = e, Losses = new EpochLosses { Training = 1.0 / e } })]);
        return SweepResultsWriter.Write(_root, sweep, epochs, partial: false);
    }

    private static string[] HeadlineCells(string report, string method) =>
        report.Split('\n').First(l => l.StartsWith($"| {method} | ", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();

    [Fact]
    public void Trials_csv_records_each_trials_training_and_hold_out_samples()
    {
        var directory = WriteResults(spec => spec.Stopping.Name == "vl" ? (1_500, 500) : (2_000, 0));

        var rows = File.ReadAllLines(Path.Combine(directory, "trials.csv"));
        var header = rows[0].Split(',');
        var training = Array.IndexOf(header, "training_samples");
        var holdOut = Array.IndexOf(header, "holdout_samples");
        Assert.True(training >= 0 && holdOut >= 0, rows[0]);
        var vl = rows.Skip(1).Select(r => r.Split(',')).Single(r => r[Array.IndexOf(header, "stopping")] == "vl" && r[Array.IndexOf(header, "seed")] == "0");
        Assert.Equal(["1500", "500"], [vl[training], vl[holdOut]]);
    }

    [Fact]
    public void The_headline_counts_are_the_recorded_ones()
    {
        var directory = WriteResults(spec => spec.Stopping.Name == "vl" ? (1_500, 500) : (2_000, 0));

        ReportGenerator.Generate(directory, "test");

        var report = File.ReadAllText(Path.Combine(directory, ReportGenerator.ReportFile));
        Assert.Equal(["2,000 (incl. hold-out)", "1,500"], HeadlineCells(report, "vl")[5..7]);
        Assert.Equal(["2,000", "2,000"], HeadlineCells(report, "top")[5..7]);
        Assert.Contains("synthetic, fraction 1 (2,000 labelled training images)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_results_folder_without_the_columns_says_the_counts_are_not_recorded()
    {
        var directory = WriteResults(_ => (2_000, 0));
        var trials = Path.Combine(directory, "trials.csv");
        var rows = File.ReadAllLines(trials).Select(r => r.Split(',')).ToList();
        var drop = new[] { Array.IndexOf(rows[0], "training_samples"), Array.IndexOf(rows[0], "holdout_samples") };
        File.WriteAllLines(trials, rows.Select(r => string.Join(',', r.Where((_, i) => !drop.Contains(i)))));

        ReportGenerator.Generate(directory, "test");

        var report = File.ReadAllText(Path.Combine(directory, ReportGenerator.ReportFile));
        Assert.Equal(["not recorded", "not recorded"], HeadlineCells(report, "top")[5..7]);
        Assert.Equal(["not recorded", "not recorded"], HeadlineCells(report, "vl")[5..7]);
        Assert.Contains("sample counts not recorded", report, StringComparison.Ordinal);
        Assert.DoesNotContain("labelled training images)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_that_never_loaded_its_data_leaves_the_counts_empty_not_zero()
    {
        var directory = WriteResults(_ => (0, 0));

        var rows = File.ReadAllLines(Path.Combine(directory, "trials.csv"));
        var header = rows[0].Split(',');
        Assert.All(rows.Skip(1).Select(r => r.Split(',')), r => Assert.Equal(string.Empty, r[Array.IndexOf(header, "training_samples")]));
    }
}
