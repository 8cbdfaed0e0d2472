using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>
/// A fully connected network input → hidden… → classes with LeakyReLU(0.01) after every hidden
/// layer; the connectome is all hidden layers after the activation.
/// </summary>
public sealed class MultilayerPerceptron : ConnectomeNetwork
{
    /// <summary>Slope of LeakyReLU for negative inputs.</summary>
    public const double NegativeSlope = 0.01;

    private readonly Linear[] _layers;

    /// <summary>Builds the network; <paramref name="hidden"/> are the hidden layer widths.</summary>
    public MultilayerPerceptron(string name, int inputs, IReadOnlyList<int> hidden, int classes)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var widths = new[] { inputs }.Concat(hidden).Append(classes).ToArray();
        _layers = [.. Enumerable.Range(0, widths.Length - 1).Select(i => nn.Linear(widths[i], widths[i + 1]))];
        for (var i = 0; i < _layers.Length; i++)
        {
            register_module($"fc{i + 1}", _layers[i]);
        }

        Hidden = [.. hidden];
    }

    /// <summary>Hidden layer widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <inheritdoc />
    public override int ConnectomeSize => Hidden.Sum();

    /// <inheritdoc />
    public override IReadOnlyList<Linear> FullyConnectedLayers => _layers;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input.flatten(1);
        for (var i = 0; i < _layers.Length - 1; i++)
        {
            x = LeakyRelu.Apply(_layers[i].forward(x));
        }

        return _layers[^1].forward(x);
    }

    /// <inheritdoc />
    public override (Tensor Logits, Tensor Hidden) ForwardWithHidden(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.flatten(1);
        var hidden = new List<Tensor>();
        for (var i = 0; i < _layers.Length - 1; i++)
        {
            x = LeakyRelu.Apply(_layers[i].forward(x));
            hidden.Add(x);
        }

        return (_layers[^1].forward(x), cat(hidden, 1));
    }
}
