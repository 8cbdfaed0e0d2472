namespace Orchestrator.Training;

/// <summary>
/// Everything a checkpoint holds (weights, momentum buffers, epoch, shuffle state), copied to host memory:
/// the model at an epoch whose stopping decision is still being computed, so a stop there can restore it
/// bit for bit (<see cref="TrainingSession.RestoreState"/>) and write its checkpoint off the training path.
/// </summary>
public sealed class TrainingStateCopy
{
    internal TrainingStateCopy(TrainingCheckpoint state) => State = state;

    internal TrainingCheckpoint State { get; }

    /// <summary>The epoch the copy holds.</summary>
    public int Epoch => State.Epoch;

    /// <summary>Host bytes the copy occupies (parameters and momentum buffers, float32).</summary>
    public long Bytes => sizeof(float) * (State.Parameters.Sum(p => (long)p.Values.Length) + State.MomentumBuffers.Sum(b => (long)(b?.Values.Length ?? 0)));

    /// <summary>Writes the copy as a checkpoint, byte for byte what <see cref="TrainingSession.SaveCheckpoint"/> wrote at its epoch.</summary>
    public void Save(string path) => State.WriteAtomically(path);
}
