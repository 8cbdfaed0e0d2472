using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Client traces: a <c>sweep</c> activity around submission, propagated into the silo (sweep → trial → epoch),
/// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class ClientTelemetry
{
    public static readonly ActivitySource Source = new("Orchestrator.Client");

    public static IServiceCollection AddClientTelemetry(this IServiceCollection services)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("orchestrator-cli"))
            .WithTracing(t => t.AddSource(Source.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddOtlpExporter());
        return services;
    }
}
