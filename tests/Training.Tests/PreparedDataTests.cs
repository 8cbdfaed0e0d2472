using Orchestrator.Data.Datasets;

namespace Orchestrator.Training.Tests;

public sealed class PreparedDataTests
{
    [Fact]
    public void Prepared_data_holds_out_validation_and_draws_the_probe_from_training_data()
    {
        var dataset = SyntheticDataset.Create();
        var settings = new TrainingSettings("synthetic", 0.5, "mlp-small", ProbeSize: 100, ValidationFraction: 0.25, Seed: 4);

        var data = PreparedData.From(dataset, settings);
        var again = PreparedData.From(dataset, settings);

        Assert.Equal(400, data.Train.Count + data.Validation!.Count);
        Assert.Equal(100, data.Validation.Count);
        Assert.Equal(100, data.Probe.Count);
        Assert.Equal(data.Probe.Pixels, again.Probe.Pixels);
        var trainRows = Enumerable.Range(0, data.Train.Count).Select(i => string.Join(",", data.Train.Pixels.AsSpan(i * 64, 64).ToArray())).ToHashSet();
        Assert.All(Enumerable.Range(0, data.Probe.Count), i => Assert.Contains(string.Join(",", data.Probe.Pixels.AsSpan(i * 64, 64).ToArray()), trainRows));
    }
}
