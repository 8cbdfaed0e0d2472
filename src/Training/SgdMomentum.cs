using static TorchSharp.torch;

namespace Orchestrator.Training;

/// <summary>
/// SGD with momentum and L2 weight decay, the update of <c>torch.optim.SGD</c> (dampening 0, no
/// Nesterov): g ← ∇ + λ·p; b ← g on the first step, else μ·b + g; p ← p − η·b. Kept in our hands so
/// its whole state (the momentum buffers) is explicit and goes into checkpoints bit for bit.
/// </summary>
public sealed class SgdMomentum : IDisposable
{
    private readonly Tensor[] _parameters;
    private readonly Tensor?[] _buffers;
    private readonly double _learningRate;
    private readonly double _momentum;
    private readonly double _weightDecay;

    /// <summary>Optimises <paramref name="parameters"/>.</summary>
    public SgdMomentum(IEnumerable<Tensor> parameters, double learningRate, double momentum, double weightDecay)
    {
        _parameters = [.. parameters];
        _buffers = new Tensor?[_parameters.Length];
        _learningRate = learningRate;
        _momentum = momentum;
        _weightDecay = weightDecay;
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

            var g = _weightDecay != 0 ? grad.add(p, _weightDecay) : grad;
            if (_momentum != 0)
            {
                if (_buffers[i] is null)
                {
                    _buffers[i] = g.detach().clone().DetachFromDisposeScope();
                }
                else
                {
                    _buffers[i]!.mul_(_momentum).add_(g);
                }

                g = _buffers[i]!;
            }

            p.add_(g, -_learningRate);
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
    }
}
