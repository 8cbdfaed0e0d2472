using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Silo;

/// <summary>Builds and runs the silo host; prints <c>orchestrator-silo ready</c> once it accepts clients.</summary>
internal static class SiloRunner
{
    /// <summary>The line the CLI waits for on the silo's standard output.</summary>
    public const string ReadyLine = "orchestrator-silo ready";

    /// <summary>
    /// How long a silo may take to stop after SIGTERM or SIGINT (or its stdin or parent going away) before the
    /// process ends anyway: Orleans hands its grains over (each run grain's last checkpoint is on disk; at most
    /// the running epochs are trained again elsewhere). It also bounds a silo still joining a cluster whose
    /// Redis is down, which used to ignore SIGTERM.
    /// </summary>
    public static readonly TimeSpan ShutdownBound = TimeSpan.FromSeconds(30);

    /// <summary>Exit code of a silo stopped by a signal (128 + SIGTERM), as a shell reports it.</summary>
    public const int Terminated = 143;

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
        // Not disposed: a signal can arrive while RunAsync is already returning (e.g. after Redis refused the start),
        // and its handler must still find a token to cancel instead of throwing ObjectDisposedException (abort 134).
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = 0;
        void Stop(string why)
        {
            if (Interlocked.Exchange(ref signalled, 1) == 1)
            {
                return;
            }

            Console.Error.WriteLine($"{why}: stopping the silo (at most {ShutdownBound.TotalSeconds:0} s)…");
            stop.Cancel();
            _ = Task.Delay(ShutdownBound).ContinueWith(
                _ =>
                {
                    Console.Error.WriteLine($"the silo did not stop within {ShutdownBound.TotalSeconds:0} s: exiting now.");
                    Environment.Exit(Terminated);
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }

        // Our own handlers, not only the host's console lifetime: that one does not end a host still starting.
        using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop("SIGTERM"); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Stop("SIGINT"); });
        using var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Stop("host stopping"));
        ParentWatch.Start(() => Stop("parent gone"), stop.Token);
        try
        {
            // WaitAsync: a silo joining a cluster whose Redis is down retries inside StartAsync without ending on the token.
            await host.StartAsync(stop.Token).WaitAsync(stop.Token);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Whatever the start threw once we asked it to stop (a cancellation, or Orleans' lifecycle failing on it).
            // Orleans is still starting (e.g. retrying a Redis that is down) and cannot be stopped or disposed
            // cleanly mid-start: disposing it raced its own tasks into an unhandled ObjectDisposedException. Nothing
            // of this silo's is running yet, so ending the process here loses nothing.
            await Console.Error.WriteLineAsync("stopped before the silo had joined its cluster.");
            Environment.Exit(Terminated);
            return Terminated;
        }
        catch (StackExchange.Redis.RedisConnectionException ex)
        {
            // Not a crash with a stack trace: say what is missing. The exception's text names no password.
            await Console.Error.WriteLineAsync($"error: Redis is not reachable, so this silo cannot join its cluster: {ex.Message.Split(". ")[0]}. Start Redis (scripts/local-cluster.sh starts one) or check --redis.");
            return 1;
        }

        Console.Out.WriteLine($"{ReadyLine}: {settings.Describe()}");
        await Console.Out.FlushAsync(stop.Token);
        if (settings.StopWithStdin)
        {
            _ = Task.Run(
                async () =>
                {
                    await Console.In.ReadToEndAsync(stop.Token);
                    Stop("standard input closed");
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

        using var bound = new CancellationTokenSource(ShutdownBound);
        await host.StopAsync(bound.Token);
        return 0;
    }
}
