using Orchestrator.Client.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Tests;

/// <summary>A watch that is not on a terminal (a log, a pipe, CI) shows per-epoch progress, one short line per epoch per trial.</summary>
public sealed class SweepLinesTests
{
    [Fact]
    public void Each_pushed_epoch_is_one_line_with_its_loss_and_distance_within_80_columns()
    {
        var definition = SweepFile.Parse("""{ "name": "piped", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["top"], "maxEpochs": 20 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec => new TrialStatus { Spec = spec, State = TrialState.Running }).ToArray();
        var output = new StringWriter();
        var lines = new SweepLines(output);
        lines.OnStatus(new SweepStatus { SweepId = "piped", State = SweepState.Running, Definition = definition, Trials = [.. trials] });
        output.GetStringBuilder().Clear();

        var id = trials[1].Spec.Id;
        lines.OnEpoch(id, new EpochRecord { Epoch = 1, Losses = new EpochLosses { Training = 2.30258 } });
        lines.OnEpoch(id, new EpochRecord { Epoch = 7, Losses = new EpochLosses { Training = 0.412345 }, Signals = new EpochSignals { Distance = 0.0123456, SmoothedDistance = 0.015 } });
        lines.OnEpoch(id, new EpochRecord { Epoch = 9, Losses = new EpochLosses { Training = 0.4 }, Signals = new EpochSignals { Distance = 0.011, SmoothedDistance = 0.0149 }, Decision = "smoothed w has not improved" });

        var written = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [$"{id} epoch 1/20: loss 2.303", $"{id} epoch 7/20: loss 0.4123, distance 0.01235 (smoothed 0.015)", $"{id} epoch 9/20: loss 0.4, distance 0.011 (smoothed 0.0149): stop"],
            written.Select(l => l.TrimEnd('\r')));
        Assert.All(written, l => Assert.True(l.Length <= 80, l));
    }
}
