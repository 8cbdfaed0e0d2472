using static TorchSharp.torch;

namespace Orchestrator.Training;

/// <summary>
/// Everything a checkpoint holds (weights, every optimizer state slot and its step count, model buffers, epoch,
/// shuffle state), cloned on the training device: the model at an epoch whose stopping decision is still being
/// computed, so a stop there can restore it bit for bit (<see cref="TrainingSession.RestoreState"/>) and its
/// checkpoint can be written off the training path. A device-side clone is one memory copy per tensor; reading the
/// values to the host happens only in <see cref="Save"/>.
/// </summary>
public sealed class TrainingStateCopy : IDisposable
{
    private readonly string _fingerprint;
    private readonly ulong _shuffle;

    internal TrainingStateCopy(
        string fingerprint,
        int epoch,
        ulong shuffle,
        (string Name, Tensor Tensor)[] parameters,
        long optimizerSteps,
        (string Name, Tensor?[] Tensors)[] slots,
        (string Name, Tensor Tensor)[] buffers)
    {
        _fingerprint = fingerprint;
        Epoch = epoch;
        _shuffle = shuffle;
        Parameters = parameters;
        OptimizerSteps = optimizerSteps;
        Slots = slots;
        Buffers = buffers;
    }

    /// <summary>The epoch the copy holds.</summary>
    public int Epoch { get; }

    /// <summary>Bytes the copy occupies on the training device (parameters, optimizer state and model buffers).</summary>
    public long Bytes =>
        Parameters.Sum(p => Size(p.Tensor)) + Slots.Sum(s => s.Tensors.Sum(t => t is null ? 0 : Size(t))) + Buffers.Sum(b => Size(b.Tensor))
        + (WeightLayers ?? []).Where(l => l.Owned).Sum(l => Size(l.Tensor));

    internal (string Name, Tensor Tensor)[] Parameters { get; }

    internal long OptimizerSteps { get; }

    internal (string Name, Tensor?[] Tensors)[] Slots { get; }

    internal (string Name, Tensor Tensor)[] Buffers { get; }

    internal ulong ShuffleState => _shuffle;

    /// <summary>Whether the copy holds the weights neural persistence reads (captured with them).</summary>
    public bool HasNeuralPersistenceWeights => WeightLayers is not null;

    /// <summary>The weights neural persistence reads, when captured for it (null otherwise).</summary>
    internal WeightLayer[]? WeightLayers { get; init; }

    /// <summary>
    /// The weights neural persistence reads, read to the host from the copy (what <see cref="TrainingSession.NeuralPersistenceWeights"/>
    /// gave at <see cref="Epoch"/>, bit for bit). Safe while the session trains on, like <see cref="Save"/>: the loop does not wait for it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The copy was captured without them.</exception>
    public IReadOnlyList<WeightMatrix> NeuralPersistenceWeights() =>
        WeightLayers is { } layers
            ? [.. layers.Select(l => TrainingSession.ToHost(l.Name, l.Tensor))]
            : throw new InvalidOperationException("this copy was captured without the neural-persistence weights; capture it with neuralPersistence: true.");

    /// <summary>Writes the copy as a checkpoint, byte for byte what <see cref="TrainingSession.SaveCheckpoint"/> wrote at its epoch.</summary>
    /// <remarks>Safe while the session trains on: the clones are the copy's own tensors.</remarks>
    public void Save(string path) =>
        new TrainingCheckpoint(
            _fingerprint,
            Epoch,
            _shuffle,
            [.. Parameters.Select(p => TrainingSession.Blob(p.Name, p.Tensor))],
            OptimizerSteps,
            [.. Slots.Select(s => new TrainingCheckpoint.StateSlot(s.Name, [.. s.Tensors.Select((t, i) => t is null ? null : TrainingSession.Blob(Parameters[i].Name, t))]))],
            [.. Buffers.Select(b => TrainingSession.Blob(b.Name, b.Tensor))]).WriteAtomically(path);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var layer in WeightLayers ?? [])
        {
            if (layer.Owned)
            {
                layer.Tensor.Dispose();
            }
        }

        foreach (var (_, tensor) in Parameters)
        {
            tensor.Dispose();
        }

        foreach (var (_, tensors) in Slots)
        {
            foreach (var tensor in tensors)
            {
                tensor?.Dispose();
            }
        }

        foreach (var (_, tensor) in Buffers)
        {
            tensor.Dispose();
        }
    }

    private static long Size(Tensor tensor) => tensor.NumberOfElements * tensor.ElementSize;

    /// <summary>One weight matrix neural persistence reads: a parameter clone of the copy, or (<paramref name="Owned"/>) a clone of its own.</summary>
    internal sealed record WeightLayer(string Name, Tensor Tensor, bool Owned);
}
