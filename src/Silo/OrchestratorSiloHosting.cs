using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using Orchestrator.Security;

namespace Orchestrator.Silo;

/// <summary>Silo wiring: the grains with their services, and the two deployment modes.</summary>
internal static class OrchestratorSiloHosting
{
    /// <summary>The grains' services and options (checkpoints, slots, data).</summary>
    public static ISiloBuilder AddOrchestratorGrains(this ISiloBuilder silo, SiloHostSettings settings)
    {
        silo.AddActivityPropagation();
        // Feeds Orleans' grain-level view, which the front ends' web dashboard mounts at /orleans: a grain service
        // collecting each silo's counters and a call filter timing grain methods (no web server in the silo).
        silo.AddDashboard();
        silo.Services.AddOrchestratorGrains(o =>
        {
            o.CheckpointDirectory = settings.CheckpointDirectory;
            o.Slots = settings.Slots;
            o.Gpus = settings.Gpus;
            o.TrialsPerGpu = settings.TrialsPerGpu;
            o.GpuMemoryMargin = settings.GpuMemoryMargin;
            o.DataDirectory = settings.DataDirectory;
            o.ModelDirectories = settings.ModelDirectories.Count > 0 ? settings.ModelDirectories : null;
            o.ConnectomesKept = settings.ConnectomesKept;
            o.PerTrialMetrics = settings.PerTrialMetrics;
        });
        return silo;
    }

    /// <summary>
    /// One silo on loopback with localhost clustering, grain state in files under the checkpoint directory
    /// (<see cref="FileGrainStorage"/>: a silo started again on the same directory resumes its sweeps) and
    /// in-memory reminders (a submission or resubmission starts the coordinator's watchdog again).
    /// </summary>
    public static ISiloBuilder UseOrchestratorEmbedded(this ISiloBuilder silo, SiloHostSettings settings)
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: "orchestrator", clusterId: settings.ClusterId);
        // Orleans' binary serializer, as on Redis: the default JSON cannot read back a trial spec's immutable
        // dictionaries, so a coordinator that was deactivated could not be activated again.
        silo.Services.AddKeyedSingleton<IGrainStorage>(OrchestratorStorage.Name, (services, _) =>
            new FileGrainStorage(settings.CheckpointDirectory, new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        silo.UseInMemoryReminderService();
        return silo.AddOrchestratorGrains(settings);
    }

    /// <summary>
    /// A member of a Redis-backed cluster: Redis clustering, grain storage and reminders; membership tuned
    /// so a dead silo is declared within about 10 s.
    /// </summary>
    public static ISiloBuilder UseOrchestratorRedis(this ISiloBuilder silo, SiloHostSettings settings)
    {
        var redis = settings.Redis ?? throw new ArgumentException("Redis endpoint missing", nameof(settings));
        var configuration = redis.ToConfiguration();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = "orchestrator";
        });
        silo.ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        if (settings.Tls is { } tls)
        {
            silo.UseClusterTls(tls);
        }

        silo.UseRedisClustering(o => o.ConfigurationOptions = configuration.Clone());
        // Orleans' binary serializer rather than the provider's default JSON: the state records hold immutable
        // collections that Newtonsoft cannot read back (found by the failover test).
        silo.AddRedisGrainStorage(OrchestratorStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = configuration.Clone();
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);

            // Clearing a grain's state deletes its key (`sweep delete`); the default keeps an empty key forever.
            o.DeleteStateOnClear = true;
        }));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = configuration.Clone());
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // Defaults take ~5 s after a kill but ~61 s after a freeze: probe every 2 s, 3 missed probes
            // from 2 voters declare a silo dead, so a frozen or vanished silo is out in about 10 s.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 1;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        });
        return silo.AddOrchestratorGrains(settings);
    }

    /// <summary>The address clients and other silos reach this silo on.</summary>
    public static string Describe(this SiloHostSettings settings) =>
        $"{(settings.Redis is null ? "embedded" : "redis " + settings.Redis)} silo on {settings.Address}:{settings.SiloPort}, gateway {settings.GatewayPort}{(settings.Tls is null ? string.Empty : ", mutual TLS")}";

}
