using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training.Optimizers;

/// <summary>
/// SGD with momentum, L2 weight decay and optionally Nesterov's momentum, the update of <c>torch.optim.SGD</c>
/// (dampening 0): g ← ∇ + λ·p; b ← g on the first step, else μ·b + g; then p ← p − η·b, or with Nesterov
/// p ← p − η·(g + μ·b).
/// </summary>
public sealed class SgdMomentum : ParameterOptimizer
{
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly bool _hasMomentum;
    private readonly bool _hasWeightDecay;
    private readonly bool _nesterov;

    /// <summary>Optimises <paramref name="parameters"/>.</summary>
    public SgdMomentum(IEnumerable<Tensor> parameters, double learningRate, double momentum, double weightDecay, bool nesterov = false)
        : base(parameters, learningRate, ["momentum"])
    {
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _hasMomentum = momentum != 0;
        _hasWeightDecay = weightDecay != 0;
        _nesterov = nesterov && _hasMomentum;
    }

    /// <inheritdoc />
    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var g = _hasWeightDecay ? grad.add(parameter, _weightDecay) : grad;
        if (_hasMomentum)
        {
            if (StateOrNull(0, index) is { } buffer)
            {
                // add_(g) without an alpha would make TorchSharp convert 1 to a temporary Scalar.
                buffer.mul_(_momentum).add_(g, _one);
            }
            else
            {
                SetState(0, index, g.detach().clone());
            }

            g = _nesterov ? g.add(StateOrNull(0, index)!, _momentum) : StateOrNull(0, index)!;
        }

        parameter.add_(g, NegativeLearningRateScalar);
    }

    /// <inheritdoc />
    protected override void DisposeScalars()
    {
        _momentum.Dispose();
        _weightDecay.Dispose();
        _one.Dispose();
    }
}
