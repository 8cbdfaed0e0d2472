using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Orchestrator.Client.Output;
using Orchestrator.Client.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Tests;

public sealed class SweepViewTests
{
    private static SweepStatus Sweep()
    {
        var definition = SweepFile.Parse("""{ "name": "narrow", "dataset": "synthetic", "model": "mlp-small", "grid": { "lr": [0.01, 0.05], "seed": [0, 1, 2] }, "stopping": ["top", { "method": "vl", "parameters": { "patience": 3 } }], "maxEpochs": 50 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select((spec, i) => new TrialStatus
        {
            Spec = spec,
            State = i % 3 == 0 ? TrialState.Cancelled : TrialState.Stopped,
            EpochsRun = 10 + i,
            LastLoss = 1.158 + i,
            LastDistance = 0.01234 * i,
            TestAccuracy = i % 3 == 0 ? null : 0.8123,
            Reason = "smoothed graph distance has not improved by more than 10% on 1.234 (epoch 9) for 5 epochs; lowest 1.1 at epoch 12",
        }).ToImmutableArray();
        return new SweepStatus { SweepId = "narrow", State = SweepState.Cancelled, Definition = definition, Trials = trials };
    }

    [Theory]
    [InlineData(80)]
    [InlineData(40)]
    [InlineData(200)]
    public void At_any_width_no_line_is_wider_and_ids_and_numbers_stay_whole(int width)
    {
        var sweep = Sweep();
        var text = SweepView.Render(sweep, width);
        var lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        foreach (var trial in sweep.Trials)
        {
            Assert.Contains(lines, l => l.Contains(trial.Spec.Id, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(trial.State.ToString(), StringComparison.Ordinal));
        }

        // Numbers appear whole on one line wherever they are shown (the loss column may be dropped, never split).
        var loss = sweep.Trials[1].LastLoss!.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(!text.Contains(loss[..3], StringComparison.Ordinal) || lines.Any(l => l.Contains(loss, StringComparison.Ordinal)));
    }

    [Fact]
    public void At_80_columns_the_table_keeps_one_line_per_trial_and_drops_the_reason()
    {
        var text = SweepView.Render(Sweep(), 80);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = Array.FindIndex(lines, l => l.StartsWith("trial ", StringComparison.Ordinal));
        Assert.Equal(header + 1 + Sweep().Trials.Length, lines.Length);
        Assert.DoesNotContain("reason", lines[header], StringComparison.Ordinal);
    }

    [Fact]
    public void Too_narrow_for_a_table_it_prints_one_record_per_block()
    {
        var sweep = Sweep();
        var text = SweepView.Render(sweep, 20);
        var lines = text.Split('\n');
        Assert.Equal(sweep.Trials.Length, lines.Count(l => l.StartsWith("trial:", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("reason:", StringComparison.Ordinal));

        // Only a single word longer than the line may overrun it (an id is never split).
        Assert.All(lines.Where(l => l.Length > 20), l => Assert.Single(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Columns_is_honoured_before_the_console_width()
    {
        Assert.Equal(80, TerminalWidth.Resolve("80", 200));
        Assert.Equal(132, TerminalWidth.Resolve(null, 132));
        Assert.Equal(TerminalWidth.Default, TerminalWidth.Resolve("wide", 0));
    }

    [Fact]
    public void The_sweep_list_counts_cancelled_trials_apart_from_finished_ones()
    {
        var sweep = Sweep();
        var row = RecordTableFormats.Json(SweepView.List([sweep]))[0]!;
        var cancelled = sweep.Trials.Count(t => t.State == TrialState.Cancelled);
        Assert.Equal(cancelled, (double)row["cancelled"]!);
        Assert.Equal(sweep.Trials.Length - cancelled, (double)row["finished"]!);
        Assert.Contains($"{sweep.Trials.Length - cancelled}/{sweep.Trials.Length} trials finished, {cancelled} cancelled", SweepView.Progress(sweep), StringComparison.Ordinal);
        Assert.StartsWith("sweep,state,trials,finished,cancelled,", RecordTableFormats.Csv(SweepView.List([sweep])), StringComparison.Ordinal);
        Assert.IsType<JsonObject>(row);
    }
}
