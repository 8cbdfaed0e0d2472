namespace Orchestrator.Grains;

/// <summary>One held training slot of a silo.</summary>
/// <param name="Gpu">The CUDA device index this slot owns (the silo's <c>--gpus</c>), or null on a silo without GPUs.</param>
public readonly record struct SiloSlot(int? Gpu)
{
    /// <summary>The slot's lease with memory-aware admission (<see cref="SiloSlotAdmission"/>); 0 without it.</summary>
    public long Lease { get; init; }
}
