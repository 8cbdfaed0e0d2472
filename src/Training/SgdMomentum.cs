using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training;

/// <summary>
/// SGD with momentum and L2 weight decay, the update of <c>torch.optim.SGD</c> (dampening 0, no
/// Nesterov): g ← ∇ + λ·p; b ← g on the first step, else μ·b + g; p ← p − η·b. Kept in our hands so
/// its whole state (the momentum buffers) is explicit and goes into checkpoints bit for bit.
/// </summary>
/// <remarks>
/// The hyperparameters are torch <see cref="Scalar"/>s held in fields for the optimiser's lifetime: a
/// double converted implicitly at each call is a temporary Scalar that a garbage collection may finalize
/// while libtorch still reads it (seen once in a 75-trial sweep as "Unknown scalar type" from <c>mul_</c>).
/// </remarks>
public sealed class SgdMomentum : IDisposable
{
    private readonly Tensor[] _parameters;
    private readonly Tensor?[] _buffers;
    private readonly Scalar _negativeLearningRate;
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly bool _hasMomentum;
    private readonly bool _hasWeightDecay;

    /// <summary>Optimises <paramref name="parameters"/>.</summary>
    public SgdMomentum(IEnumerable<Tensor> parameters, double learningRate, double momentum, double weightDecay)
    {
        _parameters = [.. parameters];
        _buffers = new Tensor?[_parameters.Length];
        _negativeLearningRate = (-learningRate).ToScalar();
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _hasMomentum = momentum != 0;
        _hasWeightDecay = weightDecay != 0;
    }

    /// <summary>The momentum buffers, one per parameter (null before the first step or without momentum).</summary>
    public IReadOnlyList<Tensor?> Buffers => _buffers;

    /// <summary>Clears the gradients.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.grad?.zero_();
        }
    }

    /// <summary>Applies one update from the current gradients.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var grad = p.grad;
            if (grad is null)
            {
                continue;
            }

            var g = _hasWeightDecay ? grad.add(p, _weightDecay) : grad;
            if (_hasMomentum)
            {
                if (_buffers[i] is null)
                {
                    _buffers[i] = g.detach().clone().DetachFromDisposeScope();
                }
                else
                {
                    // add_(g) without an alpha would make TorchSharp convert 1 to a temporary Scalar.
                    _buffers[i]!.mul_(_momentum).add_(g, _one);
                }

                g = _buffers[i]!;
            }

            p.add_(g, _negativeLearningRate);
        }
    }

    /// <summary>Replaces buffer <paramref name="index"/> (restoring a checkpoint).</summary>
    internal void SetBuffer(int index, Tensor? buffer)
    {
        _buffers[index]?.Dispose();
        _buffers[index] = buffer?.DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var b in _buffers)
        {
            b?.Dispose();
        }

        _negativeLearningRate.Dispose();
        _momentum.Dispose();
        _weightDecay.Dispose();
        _one.Dispose();
    }
}
