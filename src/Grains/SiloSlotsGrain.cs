namespace Orchestrator.Grains;

/// <summary>A silo's <see cref="SiloSlots"/> as a grain on that silo, so placement elsewhere can ask and reserve.</summary>
[SiloKeyedPlacement]
public sealed class SiloSlotsGrain(SiloSlots slots) : Grain, ISiloSlotsGrain
{
    /// <inheritdoc />
    public Task<int> Available() => Task.FromResult(slots.Available);

    /// <inheritdoc />
    public Task<bool> TryReserve() => Task.FromResult(slots.TryReserve());

    /// <inheritdoc />
    public Task Reserve()
    {
        slots.Reserve();
        return Task.CompletedTask;
    }
}
