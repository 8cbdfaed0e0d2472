using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Orchestrator.Grains;

/// <summary>Places a training run on a silo with a free training slot (<see cref="FreeSlotPlacementDirector"/>).</summary>
public sealed class FreeSlotPlacement : PlacementStrategy;

/// <summary>Marks a grain class for <see cref="FreeSlotPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class FreeSlotPlacementAttribute() : PlacementAttribute(new FreeSlotPlacement());

/// <summary>
/// Chooses the silo for a new run grain activation by its training slots: it asks every compatible silo how many
/// slots it has available (<see cref="ISiloSlotsGrain"/>), then reserves one on the silo with the most, trying the
/// next when another placement took it meanwhile. So two trials started together land on two idle silos rather
/// than queueing on one, and a trial queues only where every silo is full, on the least loaded. Orleans' own
/// placement knows nothing of slots: in the runs both trials sat on one silo while the other was idle.
/// </summary>
public sealed partial class FreeSlotPlacementDirector(IGrainFactory grains, ILogger<FreeSlotPlacementDirector> logger) : IPlacementDirector
{
    /// <summary>How long a silo gets to say how many slots it has; one that does not answer is passed over.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 1)
        {
            return silos[0];
        }

        var loads = await Task.WhenAll(silos.Select(async silo => (Silo: silo, Available: await AskAsync(silo, s => s.Available(), int.MinValue))));

        // Most available first; a random order among equals, so silos with the same room share the work.
        var ranked = loads.OrderByDescending(l => l.Available).ThenBy(_ => Random.Shared.Next()).ToList();
        foreach (var (silo, _) in ranked.Where(l => l.Available > 0))
        {
            if (await AskAsync(silo, s => s.TryReserve(), false))
            {
                return silo;
            }
        }

        // Every silo is full (or raced us to its last slot): queue on the least loaded one that answers.
        foreach (var (silo, available) in ranked.Where(l => l.Available > int.MinValue))
        {
            if (await AskAsync(silo, async s => { await s.Reserve(); return true; }, false))
            {
                LogQueued(logger, target.GrainIdentity.ToString(), silo.ToString(), available);
                return silo;
            }
        }

        // No silo answered (all busy starting, say): any compatible one, as Orleans would have done.
        return silos[Random.Shared.Next(silos.Length)];
    }

    private async Task<T> AskAsync<T>(SiloAddress silo, Func<ISiloSlotsGrain, Task<T>> ask, T unanswered)
    {
        try
        {
            return await ask(grains.GetGrain<ISiloSlotsGrain>(silo.ToParsableString())).WaitAsync(AskTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return unanswered;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No silo has a free slot for {Grain}: queued on {Silo} ({Available} available)")]
    private static partial void LogQueued(ILogger logger, string grain, string silo, int available);
}
