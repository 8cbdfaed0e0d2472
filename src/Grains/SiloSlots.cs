using Microsoft.Extensions.Options;

namespace Orchestrator.Grains;

/// <summary>
/// The training slots of one silo: a run grain holds one while its epochs run. With <c>--gpus</c> every
/// slot is one GPU, and the slot says which, so two trials never share a device.
/// </summary>
public sealed class SiloSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Queue<int> _freeGpus;
    private readonly Lock _gate = new();

    /// <summary>Sizes the slots from <see cref="OrchestratorOptions.Gpus"/> when set, else <see cref="OrchestratorOptions.Slots"/>.</summary>
    public SiloSlots(IOptions<OrchestratorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _freeGpus = new Queue<int>(options.Value.Gpus);
        Capacity = _freeGpus.Count > 0 ? _freeGpus.Count : options.Value.Slots;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>Slots this silo has.</summary>
    public int Capacity { get; }

    /// <summary>Slots free now.</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Waits for a free slot; with GPUs configured, the slot carries the GPU it owns until released.</summary>
    public async Task<SiloSlot> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return new SiloSlot(_freeGpus.TryDequeue(out var gpu) ? gpu : null);
        }
    }

    /// <summary>Gives a slot (and its GPU) back.</summary>
    public void Release(SiloSlot slot)
    {
        if (slot.Gpu is { } gpu)
        {
            lock (_gate)
            {
                _freeGpus.Enqueue(gpu);
            }
        }

        _slots.Release();
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
