using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>
/// A small VGG-style CNN for 3 × 32 × 32 images: three blocks of <c>depth</c> 3 × 3 convolutions
/// (padding 1, LeakyReLU) and a 2 × 2 max-pool, with <c>width</c>, 2·width, 4·width channels, then
/// fully connected 256 → 128 → classes. The connectome is the two fully connected hidden layers.
/// </summary>
public sealed class VggNetwork : ConnectomeNetwork
{
    private readonly Conv2d[] _convolutions;
    private readonly int _convolutionsPerBlock;
    private readonly Linear[] _fullyConnected;

    /// <summary>Builds the network.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="side">Input side length (divisible by 8).</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="width">Channels of the first block (32 in the default network).</param>
    /// <param name="depth">Convolutions per block (2 in the default network).</param>
    /// <param name="hidden">Widths of the two fully connected hidden layers (256, 128 by default).</param>
    public VggNetwork(string name, int channels, int side, int classes, int width, int depth, (int First, int Second) hidden)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (side % 8 != 0)
        {
            throw new ArgumentException($"input side {side} must be divisible by 8 (three 2×2 pools).", nameof(side));
        }

        _convolutionsPerBlock = depth;
        var convolutions = new List<Conv2d>();
        var inChannels = channels;
        for (var block = 0; block < 3; block++)
        {
            var outChannels = width << block;
            for (var k = 0; k < depth; k++)
            {
                var conv = nn.Conv2d(inChannels, outChannels, 3, padding: 1);
                register_module($"conv{block + 1}_{k + 1}", conv);
                convolutions.Add(conv);
                inChannels = outChannels;
            }
        }

        _convolutions = [.. convolutions];
        var flat = inChannels * (side / 8) * (side / 8);
        _fullyConnected = [nn.Linear(flat, hidden.First), nn.Linear(hidden.First, hidden.Second), nn.Linear(hidden.Second, classes)];
        for (var i = 0; i < _fullyConnected.Length; i++)
        {
            register_module($"fc{i + 1}", _fullyConnected[i]);
        }

        ConnectomeSize = hidden.First + hidden.Second;
    }

    /// <inheritdoc />
    public override int ConnectomeSize { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Linear> FullyConnectedLayers => _fullyConnected;

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => ForwardWithHidden(input).Logits;

    /// <inheritdoc />
    public override (Tensor Logits, Tensor Hidden) ForwardWithHidden(Tensor input)
    {
        var x = input;
        for (var i = 0; i < _convolutions.Length; i++)
        {
            x = LeakyRelu.Apply(_convolutions[i].forward(x));
            if ((i + 1) % _convolutionsPerBlock == 0)
            {
                x = nn.functional.max_pool2d(x, 2);
            }
        }

        x = x.flatten(1);
        var h1 = LeakyRelu.Apply(_fullyConnected[0].forward(x));
        var h2 = LeakyRelu.Apply(_fullyConnected[1].forward(h1));
        return (_fullyConnected[2].forward(h2), cat([h1, h2], 1));
    }
}
