using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class SweepFileJsonTests
{
    private const string Sweep = """
        { "name": "round-trip", "dataset": "synthetic", "fractions": [0.1, 0.5], "model": "mlp-small",
          "grid": { "lr": [0.01, 0.05], "momentum": [0.5], "batchSize": [32], "weightDecay": [0.0001], "width": [2], "seed": [3, 4] },
          "stopping": ["none", { "method": "top", "parameters": { "patience": 2, "smoothing": "ema" } }],
          "maxEpochs": 7, "probeSize": 64, "validationFraction": 0.25, "concurrency": 3, "device": "cpu",
          "checkpointEvery": 2, "maxRestarts": 1, "recordTestAccuracy": true }
        """;

    [Fact]
    public void A_written_sweep_file_reads_back_as_the_same_definition()
    {
        var definition = SweepFile.Parse(Sweep).Definition!;
        var written = SweepFileJson.Write(definition);
        var again = SweepFile.Parse(written);
        Assert.Empty(again.Errors);
        Assert.Equal(SweepFileJson.Write(definition), SweepFileJson.Write(again.Definition!));
        Assert.Equal(TrialExpansion.Expand(definition).Select(t => t.Id), TrialExpansion.Expand(again.Definition!).Select(t => t.Id));
    }

    [Fact]
    public void The_results_sweep_json_can_be_submitted_again_as_is()
    {
        var root = Directory.CreateTempSubdirectory("orchestrator-resubmit-").FullName;
        try
        {
            var definition = SweepFile.Parse(Sweep).Definition!;
            var status = new Contracts.SweepStatus { SweepId = "round-trip", Definition = definition, Trials = [] };
            var directory = SweepResultsWriter.Write(root, status, new Dictionary<string, IReadOnlyList<Contracts.EpochRecord>>(), partial: false);

            // What `sweep submit results/round-trip/sweep.json` loads: the validator, the stopping checks included.
            var loaded = SweepFileLoader.Load(Path.Combine(directory, "sweep.json"));
            Assert.Equal(SweepFileJson.Write(definition), SweepFileJson.Write(loaded));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
