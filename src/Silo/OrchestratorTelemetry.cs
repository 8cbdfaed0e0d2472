using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Silo;

/// <summary>OpenTelemetry wiring of the silo (meters, traces, exporters).</summary>
internal static class OrchestratorTelemetry
{
    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services, SiloHostSettings settings)
    {
        _ = settings;
        return services;
    }
}
