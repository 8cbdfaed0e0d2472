using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>
/// A classifier that names the hidden layers whose activations form its functional connectome
/// and can return those activations, concatenated neuron-wise, alongside its logits.
/// </summary>
public abstract class ConnectomeNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module with its TorchSharp name.</summary>
    protected ConnectomeNetwork(string name)
        : base(name)
    {
    }

    /// <summary>Total neurons in the connectome layers (n of the n × n connectome).</summary>
    public abstract int ConnectomeSize { get; }

    /// <summary>The fully connected layers, input to output (for weight-based criteria such as neural persistence).</summary>
    public abstract IReadOnlyList<Linear> FullyConnectedLayers { get; }

    /// <summary>Logits and the connectome layers' activations as one [batch, <see cref="ConnectomeSize"/>] tensor.</summary>
    public abstract (Tensor Logits, Tensor Hidden) ForwardWithHidden(Tensor input);

    /// <summary>
    /// Replaces every parameter with draws from PyTorch's default initialisation law
    /// (U(−1/√fan_in, 1/√fan_in) for weights and biases) taken from <paramref name="random"/>, so
    /// that initial weights depend only on the seed, not on torch's global generator.
    /// </summary>
    public void Initialise(Data.DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        using var noGrad = torch.no_grad();
        foreach (var (_, module) in named_modules())
        {
            (Tensor? weight, Tensor? bias) = module switch
            {
                Linear l => (l.weight, l.bias),
                Conv2d c => (c.weight, c.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }

            var fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            var bound = 1.0 / Math.Sqrt(fanIn);
            Fill(weight, bound, random);
            if (bias is not null)
            {
                Fill(bias, bound, random);
            }
        }
    }

    private static void Fill(Tensor parameter, double bound, Data.DeterministicRandom random)
    {
        var values = new float[parameter.numel()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((2 * random.NextDouble()) - 1) * bound);
        }

        using var source = torch.tensor(values, parameter.shape);
        parameter.copy_(source);
    }
}
