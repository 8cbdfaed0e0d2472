using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Orchestrator.Grains;

/// <summary>Registers what the grains need from the silo's container.</summary>
public static class OrchestratorGrainServices
{
    /// <summary>Adds options, checkpoint store, slots with their placement, metrics and the stopping-criterion factory.</summary>
    public static IServiceCollection AddOrchestratorGrains(this IServiceCollection services, Action<OrchestratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OrchestratorOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<SweepTrialRecords>();
        services.AddSingleton<SiloSlots>();
        services.AddPlacementDirector<FreeSlotPlacement, FreeSlotPlacementDirector>();
        services.AddPlacementDirector<SiloKeyedPlacement, SiloKeyedPlacementDirector>();
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<IStoppingCriterionFactory>(_ => new SweepStoppingCriteria());
        return services;
    }
}
