namespace Orchestrator.Training.Tests;

public sealed class CheckpointWeightsTests
{
    [Fact]
    public void A_checkpoint_holds_the_same_fully_connected_weights_as_the_live_model()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        using var session = TrainingSession.Create(new TrainingSettings("synthetic", 1.0, "mlp-small", ProbeSize: 50));
        session.RunEpoch(TestContext.Current.CancellationToken);
        session.SaveCheckpoint(path);

        var stored = CheckpointWeights.Read(path);
        var live = session.NeuralPersistenceWeights();

        Assert.Equal(1, stored.Epoch);
        Assert.Equal("mlp-small", stored.Model);
        Assert.Equal(live.Count, stored.Layers.Count);
        for (var k = 0; k < live.Count; k++)
        {
            Assert.Equal(live[k].Layer, stored.Layers[k].Layer);
            Assert.Equal((live[k].Rows, live[k].Columns), (stored.Layers[k].Rows, stored.Layers[k].Columns));
            Assert.Equal(live[k].Values, stored.Layers[k].Values);
        }
    }

    [Fact]
    public void A_truncated_checkpoint_is_rejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("run.ckpt");
        using (var session = TrainingSession.Create(new TrainingSettings("synthetic", 1.0, "mlp-small", ProbeSize: 50)))
        {
            session.SaveCheckpoint(path);
        }

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Throws<CheckpointException>(() => CheckpointWeights.Read(path));
    }
}
