using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Orchestrator.Grains;

/// <summary>Places a grain keyed by a silo address on that silo (and nowhere else: a silo that left fails the call).</summary>
public sealed class SiloKeyedPlacement : PlacementStrategy;

/// <summary>Marks a grain class for <see cref="SiloKeyedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyedPlacementAttribute() : PlacementAttribute(new SiloKeyedPlacement());

/// <summary>The director of <see cref="SiloKeyedPlacement"/>.</summary>
public sealed class SiloKeyedPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        var silo = context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == key);
        return silo is not null
            ? Task.FromResult(silo)
            : Task.FromException<SiloAddress>(new OrleansException($"silo {key} is not an active member of the cluster"));
    }
}
