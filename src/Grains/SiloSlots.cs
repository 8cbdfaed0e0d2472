using Microsoft.Extensions.Options;

namespace Orchestrator.Grains;

/// <summary>The training slots of one silo: a run grain holds one while its epochs run.</summary>
public sealed class SiloSlots(IOptions<OrchestratorOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.Slots, options.Value.Slots);

    /// <summary>Slots this silo has.</summary>
    public int Capacity { get; } = options.Value.Slots;

    /// <summary>Slots free now.</summary>
    public int Free => _slots.CurrentCount;

    /// <summary>Waits for a free slot.</summary>
    public Task AcquireAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Gives a slot back.</summary>
    public void Release() => _slots.Release();

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
