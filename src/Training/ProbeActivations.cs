using System.Diagnostics;
using static TorchSharp.torch;

namespace Orchestrator.Training;

/// <summary>
/// The hidden activations of one epoch's probe pass, kept (on the training device) for a connectome computed
/// later, off the training path. They are a tensor of their own, so the next epoch's weight updates do not touch them.
/// </summary>
public sealed class ProbeActivations : IDisposable
{
    private readonly Tensor _hidden;
    private readonly ConnectomeKernel _kernel;

    internal ProbeActivations(Tensor hidden, ConnectomeKernel kernel)
    {
        _hidden = hidden;
        _kernel = kernel;
    }

    /// <summary>n, the neurons of the connectome.</summary>
    public int Neurons => _kernel.Neurons;

    /// <summary>The connectome's upper triangle (the same numbers the inline probe gives) and how long it took.</summary>
    /// <remarks>Safe on another thread than the training's: the kernel only reads its index tensor.</remarks>
    public (float[] UpperTriangle, TimeSpan Elapsed) Connectome()
    {
        var clock = Stopwatch.StartNew();
        var upper = _kernel.UpperTriangle(_hidden);
        return (upper, clock.Elapsed);
    }

    /// <inheritdoc />
    public void Dispose() => _hidden.Dispose();
}
