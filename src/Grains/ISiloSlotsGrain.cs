namespace Orchestrator.Grains;

/// <summary>
/// The training slots of one silo, asked by placement on another silo. Keyed by the silo's address
/// (<see cref="SiloAddress.ToParsableString"/>) and always activated on that silo (<see cref="SiloKeyedPlacement"/>).
/// Silo-internal: it lives here, not in Contracts, because no client has a use for it.
/// </summary>
[Alias("Orchestrator.Grains.ISiloSlotsGrain")]
public interface ISiloSlotsGrain : IGrainWithStringKey
{
    /// <summary><see cref="SiloSlots.Available"/> of this silo.</summary>
    [Alias("Available")]
    Task<int> Available();

    /// <summary><see cref="SiloSlots.TryReserve"/> on this silo.</summary>
    [Alias("TryReserve")]
    Task<bool> TryReserve();

    /// <summary><see cref="SiloSlots.Reserve"/> on this silo.</summary>
    [Alias("Reserve")]
    Task Reserve();
}
