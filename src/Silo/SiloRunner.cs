using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Silo;

/// <summary>Builds and runs the silo host; prints <c>orchestrator-silo ready</c> once it accepts clients.</summary>
internal static class SiloRunner
{
    /// <summary>The line the CLI waits for on the silo's standard output.</summary>
    public const string ReadyLine = "orchestrator-silo ready";

    public static async Task<int> RunAsync(SiloHostSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.CheckpointDirectory);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ConfigureSiloLogging();
        builder.UseOrleans(silo =>
        {
            if (settings.Redis is null)
            {
                silo.UseOrchestratorEmbedded(settings);
            }
            else
            {
                silo.UseOrchestratorRedis(settings);
            }
        });
        builder.Services.AddOrchestratorTelemetry(settings);
        using var host = builder.Build();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // SIGTERM reaches the host's console lifetime, not our token: stop when the host is asked to.
        using var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stop.Cancel);
        await host.StartAsync(stop.Token);
        Console.Out.WriteLine($"{ReadyLine}: {settings.Describe()}");
        await Console.Out.FlushAsync(stop.Token);
        if (settings.StopWithStdin)
        {
            _ = Task.Run(
                async () =>
                {
                    await Console.In.ReadToEndAsync(stop.Token);
                    await stop.CancelAsync();
                },
                stop.Token);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await host.StopAsync(CancellationToken.None);
        return 0;
    }
}
