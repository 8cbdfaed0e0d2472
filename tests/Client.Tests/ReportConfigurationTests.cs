using System.Collections.Immutable;
using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Tests;

/// <summary>`orchestrator report` on a sweep whose learning rate varies and that runs TOP and VL only.</summary>
public sealed class ReportConfigurationTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static (int Stop, double Accuracy) Outcome(TrialSpec spec) => spec.Stopping.Name == "top"
        ? (10 + spec.Seed, (spec.LearningRate > 0.02 ? 0.85 : 0.82) + (0.004 * spec.Seed))
        : (14 + (2 * spec.Seed), (spec.LearningRate > 0.02 ? 0.84 : 0.81) + (0.001 * spec.Seed * spec.Seed));

    private string WriteResults(string name, int concurrency = 1)
    {
        var definition = SweepFile.Parse($$"""{ "name": "{{name}}", "dataset": "fashion-mnist", "fractions": [0.1], "model": "mlp-fashion", "grid": { "lr": [0.01, 0.05], "seed": [0, 1, 2] }, "stopping": ["top", "vl"], "maxEpochs": 30, "concurrency": {{concurrency}} }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec => new TrialStatus
        {
            Spec = spec,
            State = TrialState.Stopped,
            EpochsRun = Outcome(spec).Stop,
            StopEpoch = Outcome(spec).Stop,
            TestAccuracy = Outcome(spec).Accuracy,
        }).ToImmutableArray();
        var sweep = new SweepStatus { SweepId = TrialExpansion.SweepIdOf(name), State = SweepState.Finished, Definition = definition, Trials = trials };
        var epochs = trials.ToDictionary(
            t => t.Spec.Id,
            t => (IReadOnlyList<EpochRecord>)[.. Enumerable.Range(1, t.EpochsRun).Select(e => new EpochRecord
            {
                Epoch = e,
                Losses = new() { Training = 2.0 / e },
                Signals = new() { Distance = e == 1 ? null : 50.0 / (e * e), SmoothedDistance = e < 6 ? null : 1.0 / e },
                Seconds = new() { Train = e == 1 ? 0.5 : 0.1 },
            })]);
        return SweepResultsWriter.Write(_fixture.Directory, sweep, epochs, partial: false);
    }

    [Fact]
    public async Task Each_learning_rate_gets_its_own_titled_section_and_figure_files_named_after_it()
    {
        var directory = WriteResults("two-lrs");
        Assert.Equal(0, (await CliFixture.Run("report", directory)).ExitCode);
        var report = File.ReadAllText(Path.Combine(directory, "report.md"));
        var titles = report.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(titles, t => t.StartsWith("## lr=0.01", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("## lr=0.05", StringComparison.Ordinal));
        foreach (var lr in new[] { "0-01", "0-05" })
        {
            Assert.True(File.Exists(Path.Combine(directory, "figures", $"lr-{lr}-distance-top.png")));
            Assert.Contains($"(figures/lr-{lr}-stop-epoch.png)", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_report_opens_with_the_best_configuration()
    {
        var directory = WriteResults("best");
        await CliFixture.Run("report", directory);
        var report = File.ReadAllText(Path.Combine(directory, "report.md"));
        var table = report.IndexOf("## Best configuration", StringComparison.Ordinal);
        Assert.True(table > 0 && table < report.IndexOf("## lr=", StringComparison.Ordinal));
        var best = Enumerable.Range(0, 3).Select(s => 0.85 + (0.004 * s)).ToList();
        var mean = (best.Average() * 100).ToString("F2", CultureInfo.InvariantCulture);
        Assert.Contains($"| 1 | lr=0.05 | top | 3 | {mean} ± ", report, StringComparison.Ordinal);
        Assert.Contains("**Best: lr=0.05 with top**", report, StringComparison.Ordinal);
        Assert.Contains("sweep files declare no objective", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_not_in_the_sweep_get_no_paragraph_and_verdicts_carry_n_and_a_paired_p_value()
    {
        var directory = WriteResults("no-fp");
        await CliFixture.Run("report", directory);
        var report = File.ReadAllText(Path.Combine(directory, "report.md"));
        Assert.DoesNotContain("FP", report, StringComparison.Ordinal);
        Assert.DoesNotContain("| fp |", report, StringComparison.Ordinal);

        // Per seed TOP stops 4 + s epochs before VL: differences 4, 5, 6 (mean 5, sd 1, t = 5√3, 2 degrees of freedom).
        var t = 5 * Math.Sqrt(3);
        var p = (1 - (t / Math.Sqrt((t * t) + 2))).ToString("0.###", CultureInfo.InvariantCulture);
        var verdict = report.Split('\n').First(l => l.StartsWith("**Agrees with", StringComparison.Ordinal));
        Assert.Contains($"n = 3 seeds: paired t-test p = {p} on the stop epoch", verdict, StringComparison.Ordinal);
        Assert.Contains("few seeds", verdict, StringComparison.Ordinal);
        Assert.Contains("earlier than VL and reaches", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confounded_timings_are_flagged_when_trials_ran_together_or_first_epochs_warmed_up()
    {
        var directory = WriteResults("timings", concurrency: 2);
        await CliFixture.Run("report", directory);
        var report = File.ReadAllText(Path.Combine(directory, "report.md"));
        Assert.Contains("**Timings are confounded:** the sweep ran 2 trials at once", report, StringComparison.Ordinal);
        Assert.Contains("first epochs took 5× a trial's median epoch", report, StringComparison.Ordinal);
    }
}
