using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Grains;

namespace Orchestrator.Silo;

/// <summary>
/// OpenTelemetry of the silo: Orleans' meters and activity sources plus our own, exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and scraped by Prometheus on <c>http://127.0.0.1:PORT/metrics</c>
/// when a metrics port is given.
/// </summary>
internal static class OrchestratorTelemetry
{
    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services, SiloHostSettings settings)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (!otlp && settings.MetricsPort <= 0)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orchestrator-silo", serviceInstanceId: $"{settings.Address}:{settings.SiloPort}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", OrchestratorMetrics.Name);
                if (settings.MetricsPort > 0)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = "127.0.0.1";
                        o.Port = settings.MetricsPort;
                    });
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", OrchestratorMetrics.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return services;
    }
}
