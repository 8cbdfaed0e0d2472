using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training.Optimizers;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>: weight decay added to the gradient) or, with <c>decoupled</c>, AdamW
/// (<c>torch.optim.AdamW</c>: p ← p·(1 − η·λ) before the update). m ← β₁·m + (1 − β₁)·g;
/// v ← β₂·v + (1 − β₂)·g²; p ← p − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), as PyTorch computes it.
/// </summary>
public sealed class AdamOptimizer : ParameterOptimizer
{
    private const double Epsilon = 1e-8;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _weightDecay;
    private readonly bool _decoupled;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _weightDecayScalar;
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private readonly Scalar _one = 1.0.ToScalar();

    /// <summary>Optimises <paramref name="parameters"/>.</summary>
    public AdamOptimizer(IEnumerable<Tensor> parameters, double learningRate, double beta1, double beta2, double weightDecay, bool decoupled)
        : base(parameters, learningRate, ["exp_avg", "exp_avg_sq"])
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
        _beta1Scalar = beta1.ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _weightDecayScalar = weightDecay.ToScalar();
    }

    /// <inheritdoc />
    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var g = grad;
        if (_weightDecay != 0)
        {
            if (_decoupled)
            {
                using var shrink = (1 - (LearningRate * _weightDecay)).ToScalar();
                parameter.mul_(shrink);
            }
            else
            {
                g = grad.add(parameter, _weightDecayScalar);
            }
        }

        var m = State(0, index, parameter);
        var v = State(1, index, parameter);
        m.mul_(_beta1Scalar).add_(g, _oneMinusBeta1);
        v.mul_(_beta2Scalar).addcmul_(g, g, _oneMinusBeta2);
        var correction1 = 1 - Math.Pow(_beta1, Steps);
        var correction2Root = Math.Sqrt(1 - Math.Pow(_beta2, Steps));
        using var root = correction2Root.ToScalar();
        using var step = (-LearningRate / correction1).ToScalar();
        using var denominator = v.sqrt().div_(root).add_(_epsilon, _one);
        parameter.addcdiv_(m, denominator, step);
    }

    /// <inheritdoc />
    protected override void DisposeScalars()
    {
        _beta1Scalar.Dispose();
        _beta2Scalar.Dispose();
        _oneMinusBeta1.Dispose();
        _oneMinusBeta2.Dispose();
        _weightDecayScalar.Dispose();
        _epsilon.Dispose();
        _one.Dispose();
    }
}
