namespace Orchestrator.Training;

/// <summary>
/// One training run: owns the model, optimiser, data and RNG state, and advances one epoch at a
/// time. Not thread-safe: one caller drives it.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private TrainingSession()
    {
    }

    /// <summary>The settings the run was created with.</summary>
    public TrainingSettings Settings => throw new NotImplementedException();

    /// <summary>Epochs completed so far (0 before the first).</summary>
    public int CompletedEpochs => throw new NotImplementedException();

    /// <summary>Loads the data and builds a freshly initialised model for <paramref name="settings"/>.</summary>
    public static TrainingSession Create(TrainingSettings settings) => throw new NotImplementedException();

    /// <summary>Restores a run from a checkpoint written by <see cref="SaveCheckpoint"/>; the next epoch continues the same trajectory.</summary>
    public static TrainingSession Resume(string checkpointPath, TrainingSettings settings) => throw new NotImplementedException();

    /// <summary>
    /// Trains one epoch, then probes the network and computes the connectome where the activations live.
    /// A NaN/∞ training loss is returned as such (the caller ends the run as diverged).
    /// </summary>
    public EpochSnapshot RunEpoch(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Loss and accuracy on the test split.</summary>
    public EvaluationResult EvaluateTest() => throw new NotImplementedException();

    /// <summary>Writes model, optimiser, epoch and RNG state atomically to <paramref name="path"/>.</summary>
    public void SaveCheckpoint(string path) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
