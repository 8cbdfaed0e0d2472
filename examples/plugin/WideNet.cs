using Orchestrator.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace My.Models;

/// <summary>
/// An example plugin network: one wide hidden layer of <c>hidden</c> units with a LeakyReLU of slope <c>slope</c>,
/// then a narrower one of <c>hidden / 2</c>. The sweep's <c>"parameters": {"hidden": [32, 64]}</c> make <c>hidden</c> a
/// grid dimension; <c>inputs</c> and <c>classes</c> come from the data. The connectome is both hidden layers.
/// </summary>
public sealed class WideNet : ConnectomeNetwork
{
    private readonly Linear _first;
    private readonly Linear _second;
    private readonly Linear _output;
    private readonly Scalar _slope;

    /// <summary>Builds the network.</summary>
    /// <param name="inputs">Values per item (from the data).</param>
    /// <param name="classes">Classes (from the data).</param>
    /// <param name="hidden">Units of the first hidden layer (from the sweep).</param>
    /// <param name="slope">LeakyReLU slope for negative inputs (from the sweep).</param>
    public WideNet(int inputs, int classes, int hidden = WideNetDefaults.Hidden, double slope = WideNetDefaults.Slope)
        : base(nameof(WideNet))
    {
        if (hidden < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "hidden must be at least 2.");
        }

        _first = nn.Linear(inputs, hidden);
        _second = nn.Linear(hidden, hidden / 2);
        _output = nn.Linear(hidden / 2, classes);
        register_module("fc1", _first);
        register_module("fc2", _second);
        register_module("fc3", _output);

        // Held in a field: a Scalar converted for each call could be freed by a garbage collection mid-op.
        _slope = slope.ToScalar();
        ConnectomeSize = hidden + (hidden / 2);
    }

    /// <inheritdoc />
    public override int ConnectomeSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => ForwardWithHidden(input).Logits;

    /// <inheritdoc />
    public override (Tensor Logits, Tensor Hidden) ForwardWithHidden(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var h1 = _first.forward(input.flatten(1)).leaky_relu(_slope);
        var h2 = _second.forward(h1).leaky_relu(_slope);
        return (_output.forward(h2), cat([h1, h2], 1));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slope.Dispose();
        }

        base.Dispose(disposing);
    }
}
