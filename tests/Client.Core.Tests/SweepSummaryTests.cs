using System.Collections.Immutable;
using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class SweepSummaryTests
{
    /// <summary>Two learning rates × {top, vl} × 3 seeds; lr 0.05 is more accurate, TOP stops earlier.</summary>
    private static SweepStatus TwoLearningRates(Func<TrialSpec, TrialState>? state = null)
    {
        var definition = SweepFile.Parse("""{ "name": "lrs", "dataset": "synthetic", "model": "mlp-small", "grid": { "lr": [0.01, 0.05], "seed": [0, 1, 2] }, "stopping": ["top", "vl"], "maxEpochs": 30 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec =>
        {
            var trialState = state?.Invoke(spec) ?? TrialState.Stopped;
            var ran = trialState is TrialState.Stopped or TrialState.Completed;
            return new TrialStatus
            {
                Spec = spec,
                State = trialState,
                EpochsRun = ran ? Stop(spec) : 0,
                StopEpoch = ran ? Stop(spec) : null,
                TestAccuracy = ran ? Accuracy(spec) : null,
                Seconds = ran ? 2 : 0,
            };
        }).ToImmutableArray();
        return new SweepStatus { SweepId = "lrs", State = SweepState.Finished, Definition = definition, Trials = trials };
    }

    private static int Stop(TrialSpec spec) => (spec.Stopping.Name == "top" ? 12 : 16) + spec.Seed;

    private static double Accuracy(TrialSpec spec) => (spec.LearningRate > 0.02 ? 0.84 : 0.80) + (0.002 * spec.Seed) + (spec.Stopping.Name == "top" ? 0.003 : 0);

    private static string Percent(IEnumerable<double> accuracies) => (accuracies.Average() * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    [Fact]
    public void Each_varying_parameter_gets_its_own_rows_so_learning_rates_are_never_merged()
    {
        var sweep = TwoLearningRates();
        var summary = SweepSummary.Markdown(sweep, partial: false);
        Assert.Contains("Varying: lr (0.01, 0.05).", summary, StringComparison.Ordinal);
        foreach (var group in sweep.Trials.GroupBy(t => (t.Spec.LearningRate, Method: t.Spec.Stopping.Describe())))
        {
            var lr = group.Key.LearningRate.ToString("R", CultureInfo.InvariantCulture);
            var epochs = group.Average(t => t.StopEpoch!.Value).ToString("0.##", CultureInfo.InvariantCulture);
            Assert.Contains($"| {lr} | {group.Key.Method} | 3 / 3 | {epochs} | {Percent(group.Select(t => t.TestAccuracy!.Value))} |", summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_best_configuration_comes_first_and_names_the_winning_learning_rate()
    {
        var sweep = TwoLearningRates();
        var summary = SweepSummary.Markdown(sweep, partial: false);
        var best = summary.IndexOf("## Best configuration", StringComparison.Ordinal);
        Assert.True(best >= 0 && best < summary.IndexOf("## Every configuration", StringComparison.Ordinal));
        var winners = sweep.Trials.Where(t => t.Spec.LearningRate == 0.05 && t.Spec.Stopping.Name == "top").Select(t => t.TestAccuracy!.Value);
        Assert.Contains($"**Best: lr=0.05 with top**, {Percent(winners)} mean test accuracy", summary, StringComparison.Ordinal);
        Assert.Contains("| 1 | 0.05 | top | 3 |", summary, StringComparison.Ordinal);
        Assert.Contains("sweep files declare no objective", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_says_per_configuration_whether_top_saved_epochs_without_losing_accuracy()
    {
        var summary = SweepSummary.Markdown(TwoLearningRates(), partial: false);
        Assert.Contains("- lr=0.01: TOP vs vl: stop epoch 13 vs 17 (4 epochs fewer), test accuracy 80.50 % vs 80.20 % (+0.3 points): **TOP saved epochs without losing accuracy** (3 vs 3 seeds", summary, StringComparison.Ordinal);
        Assert.Contains("- lr=0.05: TOP vs vl:", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_cancel_every_mean_covers_only_the_finished_trials_it_names()
    {
        // Seed 2 never ran: cancelled with no stop epoch and no accuracy; it must not count as epoch 0.
        var sweep = TwoLearningRates(spec => spec.Seed == 2 ? TrialState.Cancelled : TrialState.Stopped) with { State = SweepState.Cancelled };
        var summary = SweepSummary.Markdown(sweep, partial: true);
        Assert.Contains("**Partial results:** the sweep was cancelled; 8 of 12 trials finished", summary, StringComparison.Ordinal);
        Assert.Contains("| Cancelled | 4 |", summary, StringComparison.Ordinal);
        foreach (var group in sweep.Trials.GroupBy(t => (t.Spec.LearningRate, Method: t.Spec.Stopping.Describe())))
        {
            var done = group.Where(t => t.State == TrialState.Stopped).ToList();
            var lr = group.Key.LearningRate.ToString("R", CultureInfo.InvariantCulture);
            var epochs = done.Average(t => t.StopEpoch!.Value).ToString("0.##", CultureInfo.InvariantCulture);
            Assert.Contains($"| {lr} | {group.Key.Method} | 2 / 3 | {epochs} | {Percent(done.Select(t => t.TestAccuracy!.Value))} |", summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_running_sweep_is_called_running_not_cancelled()
    {
        var sweep = TwoLearningRates(spec => spec.Seed == 2 ? TrialState.Running : TrialState.Stopped) with { State = SweepState.Running };
        Assert.Equal("running", SweepOutcome.PartialReasonOf(sweep));
        var summary = SweepSummary.Markdown(sweep, partial: true);
        Assert.Contains("the sweep is still running; 8 of 12 trials finished", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("was cancelled", summary, StringComparison.Ordinal);
        Assert.Contains("\"partialReason\": \"running\"", SweepResultsWriter.StatusJson(sweep, partial: true), StringComparison.Ordinal);
    }
}
