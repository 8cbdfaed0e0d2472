using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>
/// A classifier that names the hidden layers whose activations form its functional connectome
/// and can return those activations, concatenated neuron-wise, alongside its logits. The base type of the
/// built-in networks, of TorchScript models (<see cref="TorchScriptNetwork"/>) and of .NET plugins: a plugin
/// derives from it and implements <see cref="ConnectomeSize"/>, <c>forward</c> and <see cref="ForwardWithHidden"/>.
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

    /// <summary>The fully connected layers, input to output (for weight-based criteria such as neural persistence); by default every <see cref="Linear"/> in module order.</summary>
    public virtual IReadOnlyList<Linear> FullyConnectedLayers => [.. named_modules().Select(m => m.module).OfType<Linear>()];

    /// <summary>
    /// The weight matrices neural persistence reads, input to output, with their names: by default those of
    /// <see cref="FullyConnectedLayers"/>, named by their modules.
    /// </summary>
    public virtual IReadOnlyList<(string Name, Tensor Weight)> NeuralPersistenceWeights()
    {
        var names = named_modules().Where(m => m.module is Linear).Select(m => m.name).ToArray();
        return [.. FullyConnectedLayers.Select((layer, i) => (i < names.Length ? names[i] : $"fc{i + 1}", (Tensor)layer.weight!))];
    }

    /// <summary>The parameters the optimizer updates and checkpoints hold, with their names (by default <c>named_parameters()</c>).</summary>
    public virtual IReadOnlyList<(string Name, Tensor Tensor)> TrainableParameters() =>
        [.. named_parameters().Select(p => (p.name, (Tensor)p.parameter))];

    /// <summary>The buffers checkpoints hold (e.g. batch-norm statistics), with their names (by default <c>named_buffers()</c>).</summary>
    public virtual IReadOnlyList<(string Name, Tensor Tensor)> StateBuffers() =>
        [.. named_buffers().Select(b => (b.name, b.buffer))];

    /// <summary>Drops the gradients before a backward pass.</summary>
    public virtual void ClearGradients() => zero_grad(set_to_none: true);

    /// <summary>Moves parameters and buffers to <paramref name="device"/>.</summary>
    public virtual void MoveTo(Device device) => this.to(device);

    /// <summary>Logits and the connectome layers' activations as one [batch, <see cref="ConnectomeSize"/>] tensor.</summary>
    public abstract (Tensor Logits, Tensor Hidden) ForwardWithHidden(Tensor input);

    /// <summary>
    /// Replaces every parameter with draws from PyTorch's default initialisation law
    /// (U(−1/√fan_in, 1/√fan_in) for weights and biases) taken from <paramref name="random"/>, so
    /// that initial weights depend only on the seed, not on torch's global generator.
    /// </summary>
    public virtual void Initialise(Data.DeterministicRandom random)
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
