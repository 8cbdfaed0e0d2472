using System.Globalization;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>What a trial tells the silo's slots about the GPU memory it needs.</summary>
/// <param name="Shape">
/// Trials with the same shape (data, model, batch, probe, optimizer) take the same GPU memory: one's measured peak is the
/// next one's estimate.
/// </param>
/// <param name="DeclaredBytes">The trial's own statement of its peak GPU memory (null: measure it in its first epoch).</param>
public readonly record struct SiloSlotRequest(string Shape, long? DeclaredBytes = null)
{
    /// <summary>A request that says nothing (CPU slots, or admission off).</summary>
    public static SiloSlotRequest Unknown { get; } = new(string.Empty);

    /// <summary>The request of <paramref name="spec"/>: its shape from every field that sizes what it puts on the GPU.</summary>
    public static SiloSlotRequest For(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var shape = string.Join(
            '|',
            spec.Dataset,
            spec.Fraction.ToString("R", CultureInfo.InvariantCulture),
            spec.Model,
            spec.Width.ToString("R", CultureInfo.InvariantCulture),
            spec.BatchSize.ToString(CultureInfo.InvariantCulture),
            spec.ProbeSize.ToString(CultureInfo.InvariantCulture),
            spec.ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
            spec.Optimizer);
        return new SiloSlotRequest(shape, spec.GpuMemoryMiB * 1024L * 1024L);
    }
}
