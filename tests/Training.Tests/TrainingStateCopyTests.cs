namespace Orchestrator.Training.Tests;

/// <summary>The kept copy of the model must serve what the loop no longer waits for, as the model was at its epoch.</summary>
public sealed class TrainingStateCopyTests
{
    private static TrainingSettings Synthetic() => new("synthetic", 1.0, "mlp-small", LearningRate: 0.05, Seed: 3, ProbeSize: 200);

    [Fact]
    public void A_copy_captured_for_neural_persistence_gives_the_weights_of_its_epoch_after_the_session_trains_on()
    {
        using var session = TrainingSession.Create(Synthetic());
        session.RunEpoch(EpochProbe.None, TestContext.Current.CancellationToken);
        var atEpoch1 = session.NeuralPersistenceWeights();
        using var copy = session.CaptureState(neuralPersistence: true);

        session.RunEpoch(EpochProbe.None, TestContext.Current.CancellationToken);
        var fromCopy = copy.NeuralPersistenceWeights();

        Assert.True(copy.HasNeuralPersistenceWeights);
        Assert.Equal(atEpoch1.Select(w => (w.Layer, w.Rows, w.Columns)), fromCopy.Select(w => (w.Layer, w.Rows, w.Columns)));
        Assert.Equal(atEpoch1.Select(w => w.Values), fromCopy.Select(w => w.Values));
        Assert.NotEqual(session.NeuralPersistenceWeights()[0].Values, fromCopy[0].Values);
    }

    [Fact]
    public void The_neural_persistence_weights_are_the_copy_s_own_parameter_clones_not_a_second_copy()
    {
        using var session = TrainingSession.Create(Synthetic());
        session.RunEpoch(EpochProbe.None, TestContext.Current.CancellationToken);
        using var plain = session.CaptureState();
        using var withWeights = session.CaptureState(neuralPersistence: true);

        // mlp-small's fully connected weights are trainable parameters: the copy reuses their clones, so it costs no extra memory.
        Assert.Equal(plain.Bytes, withWeights.Bytes);
        Assert.False(plain.HasNeuralPersistenceWeights);
        Assert.Throws<InvalidOperationException>(() => plain.NeuralPersistenceWeights());
    }
}
