namespace Orchestrator.Training;

/// <summary>What <see cref="TrainingSession.RunEpoch(EpochProbe, CancellationToken)"/> does after training.</summary>
public enum EpochProbe
{
    /// <summary>Probe forward pass and connectome, both before returning (the snapshot holds the connectome).</summary>
    Connectome,

    /// <summary>
    /// Only the probe forward pass, which needs the model as it is now; the activations come back in
    /// <see cref="EpochSnapshot.Activations"/> so the connectome can be computed while the next epoch trains.
    /// </summary>
    Activations,

    /// <summary>No probe at all: the run records no topology (a criterion that reads none, recording off).</summary>
    None,
}
