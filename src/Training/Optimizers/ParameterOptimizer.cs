using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training.Optimizers;

/// <summary>
/// An optimizer whose whole state is explicit: per parameter, one tensor per named slot (SGD's momentum buffer,
/// Adam's two moments) and a step count, all of which go into checkpoints bit for bit so a resumed run continues
/// the same trajectory. TorchSharp's own optimizers keep their state behind native handles we cannot write into
/// our checkpoint format; the updates here are theirs (and PyTorch's), written out.
/// </summary>
/// <remarks>
/// Every torch <see cref="Scalar"/> an update reads is held in a field or a <c>using</c> local for the call: a double
/// converted implicitly is a temporary Scalar that a garbage collection may finalize while libtorch still reads it
/// (seen once in a 75-trial sweep as "Unknown scalar type").
/// </remarks>
public abstract class ParameterOptimizer : IDisposable
{
    private readonly Tensor?[][] _slots;
    private Scalar _learningRate;
    private Scalar _negativeLearningRate;

    /// <summary>Optimises <paramref name="parameters"/> with the state slots <paramref name="slotNames"/>.</summary>
    protected ParameterOptimizer(IEnumerable<Tensor> parameters, double learningRate, IReadOnlyList<string> slotNames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(slotNames);
        Parameters = [.. parameters];
        SlotNames = slotNames;
        _slots = [.. slotNames.Select(_ => new Tensor?[Parameters.Count])];
        LearningRate = learningRate;
        _learningRate = learningRate.ToScalar();
        _negativeLearningRate = (-learningRate).ToScalar();
    }

    /// <summary>The parameters, in the order of every slot.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The names of the per-parameter state slots (e.g. <c>momentum</c>; <c>exp_avg</c>, <c>exp_avg_sq</c>).</summary>
    public IReadOnlyList<string> SlotNames { get; }

    /// <summary>Updates taken so far (Adam's bias correction reads it).</summary>
    public long Steps { get; set; }

    /// <summary>The learning rate of the next updates.</summary>
    public double LearningRate { get; private set; }

    /// <summary>The learning rate as a Scalar that lives until the rate changes.</summary>
    protected Scalar LearningRateScalar => _learningRate;

    /// <summary>Minus the learning rate, as a Scalar.</summary>
    protected Scalar NegativeLearningRateScalar => _negativeLearningRate;

    /// <summary>The tensors of slot <paramref name="slot"/>, one per parameter (null before its first update).</summary>
    public IReadOnlyList<Tensor?> Slot(int slot) => _slots[slot];

    /// <summary>Sets the rate of the next updates (a schedule calls this at each epoch).</summary>
    public void SetLearningRate(double learningRate)
    {
        if (learningRate == LearningRate)
        {
            return;
        }

        _learningRate.Dispose();
        _negativeLearningRate.Dispose();
        LearningRate = learningRate;
        _learningRate = learningRate.ToScalar();
        _negativeLearningRate = (-learningRate).ToScalar();
    }

    /// <summary>Applies one update from the current gradients.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        Steps++;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].grad is { } grad)
            {
                Update(i, Parameters[i], grad);
            }
        }
    }

    /// <summary>Replaces the state of parameter <paramref name="index"/> in slot <paramref name="slot"/> (restoring a checkpoint).</summary>
    internal void SetSlot(int slot, int index, Tensor? value)
    {
        _slots[slot][index]?.Dispose();
        _slots[slot][index] = value?.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            foreach (var t in slot)
            {
                t?.Dispose();
            }
        }

        _learningRate.Dispose();
        _negativeLearningRate.Dispose();
        DisposeScalars();
        GC.SuppressFinalize(this);
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient (under no_grad).</summary>
    protected abstract void Update(int index, Tensor parameter, Tensor grad);

    /// <summary>Disposes the subclass's own Scalars.</summary>
    protected abstract void DisposeScalars();

    /// <summary>The state of parameter <paramref name="index"/> in <paramref name="slot"/>, created as zeros on first use.</summary>
    protected Tensor State(int slot, int index, Tensor like) =>
        _slots[slot][index] ??= zeros_like(like).DetachFromDisposeScope();

    /// <summary>The state of parameter <paramref name="index"/> in <paramref name="slot"/>, or null before its first update.</summary>
    protected Tensor? StateOrNull(int slot, int index) => _slots[slot][index];

    /// <summary>Sets the state of parameter <paramref name="index"/> in <paramref name="slot"/> during an update.</summary>
    protected void SetState(int slot, int index, Tensor value) => _slots[slot][index] = value.DetachFromDisposeScope();
}
