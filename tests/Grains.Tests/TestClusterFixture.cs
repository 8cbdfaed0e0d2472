using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orchestrator.Grains.Tests;

/// <summary>A real in-process Orleans cluster with the grains, in-memory storage and reminders.</summary>
public sealed class TestClusterFixture : IAsyncLifetime
{
    public string CheckpointDirectory { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // As the silos do: Orleans' serializer, so a deactivated coordinator's state reads back.
            silo.AddMemoryGrainStorage(OrchestratorStorage.Name, options => options.Configure<Serializer>((o, serializer) =>
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = CheckpointDirectory;
                o.Slots = 2;
                o.WatchdogPeriod = TimeSpan.FromMilliseconds(500);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(CheckpointDirectory))
        {
            Directory.Delete(CheckpointDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<TestClusterFixture>
{
    public const string Name = "cluster";
}
