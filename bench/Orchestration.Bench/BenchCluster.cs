using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Grains;
using Orleans.TestingHost;

namespace Orchestration.Bench;

/// <summary>An in-process cluster of N silos with the grains, in-memory storage and reminders.</summary>
internal static class BenchCluster
{
    public static async Task<InProcessTestCluster> StartAsync(int silos, string checkpoints, int slots)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(OrchestratorStorage.Name);
            silo.UseInMemoryReminderService();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = checkpoints;
                o.Slots = slots;
                o.WatchdogPeriod = TimeSpan.FromMilliseconds(500);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
