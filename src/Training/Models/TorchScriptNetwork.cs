using System.Runtime.InteropServices;
using Orchestrator.Data.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Training.Models;

/// <summary>
/// A user's PyTorch model saved with <c>torch.jit.script(model).save(path)</c> (or <c>torch.jit.trace</c>), loaded
/// with <c>torch.jit.load</c> and trained like our own networks: its parameters go to the optimizer, <c>train()</c>/
/// <c>eval()</c> reach it, checkpoints hold its parameters and buffers. The contract: <c>forward(x)</c> returns
/// logits [batch, classes]; an exported method (<c>connectome</c> unless the sweep names another) returns the hidden
/// neurons' activations as one [batch, n] float tensor. Its weights are the file's (the seed does not redraw them),
/// so a run starts where the same model starts in PyTorch.
/// </summary>
/// <remarks>Loading runs the file's code in this process: only files under trusted directories are loaded (see <see cref="Data.TrustedPath"/>).</remarks>
public sealed class TorchScriptNetwork : ConnectomeNetwork
{
    private const string WeightSuffix = ".weight";
    private readonly jit.ScriptModule<Tensor, Tensor> _script;
    private readonly string _connectomeMethod;

    private TorchScriptNetwork(jit.ScriptModule<Tensor, Tensor> script, string connectomeMethod, string name)
        : base(name)
    {
        _script = script;
        _connectomeMethod = connectomeMethod;

        // Not registered as a child: TorchSharp's recursive module walk over a script module's native submodules
        // disposes them twice. The overrides below hand its parameters, buffers, modes and device over instead.
    }

    /// <inheritdoc />
    public override int ConnectomeSize => ConnectomeNeurons;

    /// <inheritdoc />
    public override IReadOnlyList<TorchSharp.Modules.Linear> FullyConnectedLayers => [];

    private int ConnectomeNeurons { get; set; }

    /// <summary>
    /// Loads <paramref name="reference"/>'s file and checks the contract with one forward pass in eval mode on
    /// <paramref name="sample"/> (a tiny batch of the run's data): the logits must be [batch, <paramref name="classes"/>],
    /// the connectome method must exist and return [batch, n] with n ≥ 2.
    /// </summary>
    /// <exception cref="ModelCheckException">The file is missing, not TorchScript, or breaks the contract; the message says how.</exception>
    public static TorchScriptNetwork Load(UserModelReference reference, Tensor sample, int classes)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(sample);
        var path = reference.TorchScript ?? throw new ArgumentException("not a TorchScript reference.", nameof(reference));
        if (!File.Exists(path))
        {
            throw new ModelCheckException($"model: the TorchScript file {path} does not exist.");
        }

        jit.ScriptModule<Tensor, Tensor> script;
        try
        {
            script = jit.load<Tensor, Tensor>(path);
        }
        catch (Exception ex) when (ex is ExternalException or IOException or UnauthorizedAccessException)
        {
            throw new ModelCheckException($"model: {path} is not a TorchScript model torch.jit.load can read ({FirstLine(ex.Message)}); save it with torch.jit.script(model).save(path).", ex);
        }

        var network = new TorchScriptNetwork(script, reference.Connectome ?? UserModelReference.DefaultConnectomeMethod, Path.GetFileNameWithoutExtension(path));
        try
        {
            network.ConnectomeNeurons = network.Check(sample, classes, path);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => _script.forward(input);

    /// <inheritdoc />
    public override (Tensor Logits, Tensor Hidden) ForwardWithHidden(Tensor input) => (_script.forward(input), Connectome(input));

    /// <inheritdoc />
    public override void train(bool on = true)
    {
        base.train(on);
        _script.train(on);
    }

    /// <inheritdoc />
    public override void eval()
    {
        base.eval();
        _script.eval();
    }

    /// <inheritdoc />
    public override IReadOnlyList<(string Name, Tensor Tensor)> TrainableParameters() =>
        [.. _script.named_parameters().Select(p => (p.name, (Tensor)p.parameter))];

    /// <inheritdoc />
    public override IReadOnlyList<(string Name, Tensor Tensor)> StateBuffers() =>
        [.. _script.named_buffers().Select(b => (b.name, b.buffer))];

    /// <inheritdoc />
    public override void ClearGradients() => _script.zero_grad(set_to_none: true);

    /// <inheritdoc />
    public override void MoveTo(Device device) => _script.to(device);

    /// <summary>Keeps the file's weights: the user's initialisation is part of their model.</summary>
    public override void Initialise(Data.DeterministicRandom random)
    {
    }

    /// <summary>Every 2-D parameter named <c>*.weight</c>, in module order (the fully connected layers of most models).</summary>
    public override IReadOnlyList<(string Name, Tensor Weight)> NeuralPersistenceWeights() =>
        [.. _script.named_parameters()
            .Where(p => p.parameter.dim() == 2 && p.name.EndsWith(WeightSuffix, StringComparison.Ordinal))
            .Select(p => (p.name[..^WeightSuffix.Length], (Tensor)p.parameter))];

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _script.Dispose();
        }

        base.Dispose(disposing);
    }

    private Tensor Connectome(Tensor input) =>
        _script.invoke(_connectomeMethod, input) as Tensor
        ?? throw new ModelCheckException($"model.connectome: method '{_connectomeMethod}' returned something other than one tensor; it must return the hidden activations [batch, n].");

    private int Check(Tensor sample, int classes, string path)
    {
        var shape = $"[{string.Join(", ", sample.shape)}]";
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        eval();
        Tensor logits;
        try
        {
            logits = forward(sample);
        }
        catch (ExternalException ex)
        {
            throw new ModelCheckException($"model: {path} rejected an input batch of shape {shape} (the data set's items with a batch dimension): {FirstLine(ex.Message)}. Make forward accept [batch, …] items of the data set's shape.", ex);
        }

        var batch = sample.shape[0];
        if (logits.dim() != 2 || logits.shape[0] != batch || logits.shape[1] != classes)
        {
            throw new ModelCheckException($"model: forward returned shape [{string.Join(", ", logits.shape)}] for input {shape}; it must return logits [batch, classes] = [{batch}, {classes}] (the data set has {classes} classes).");
        }

        Tensor hidden;
        try
        {
            hidden = Connectome(sample);
        }
        catch (ExternalException ex)
        {
            throw new ModelCheckException($"model.connectome: {path} has no usable method '{_connectomeMethod}' ({FirstLine(ex.Message)}); export one with @torch.jit.export returning the hidden activations [batch, n], or name yours with \"connectome\": \"method\".", ex);
        }

        if (hidden.dim() != 2 || hidden.shape[0] != batch || hidden.shape[1] < 2)
        {
            throw new ModelCheckException($"model.connectome: method '{_connectomeMethod}' returned shape [{string.Join(", ", hidden.shape)}] for input {shape}; it must return [batch, n] = [{batch}, n] with n ≥ 2 hidden neurons.");
        }

        if (hidden.dtype != ScalarType.Float32)
        {
            throw new ModelCheckException($"model.connectome: method '{_connectomeMethod}' returned {hidden.dtype}; it must return float32 activations.");
        }

        return (int)hidden.shape[1];
    }

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
