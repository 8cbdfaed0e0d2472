using Microsoft.Extensions.Options;
using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

/// <summary>What a trial that ended for good leaves in its checkpoint folder: its final model and the dashboard's last K connectomes.</summary>
public sealed class CheckpointStoreCleanupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-checkpoint-cleanup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(3, new[] { "connectome-4.bin", "connectome-5.bin", "connectome-6.bin", "run.ckpt" })]
    [InlineData(0, new[] { "run.ckpt" })]
    public void A_finished_trial_keeps_its_final_checkpoint_and_its_last_k_connectomes(int kept, string[] expected)
    {
        var store = new CheckpointStore(Options.Create(new OrchestratorOptions { CheckpointDirectory = _root, ConnectomesKept = kept }));
        var spec = new TrialSpec { Id = "t1", SweepId = "s", Dataset = "synthetic", Model = "mlp-small", Stopping = new StoppingMethod { Name = "top" }, CheckpointEvery = 1 };
        for (var epoch = 1; epoch <= 6; epoch++)
        {
            store.SaveConnectome(spec, epoch, new byte[16]);
        }

        File.WriteAllBytes(store.RunCheckpoint(spec), [1, 2, 3]);

        var freed = store.KeepFinalCheckpointOnly(spec);

        Assert.Equal(expected, Directory.GetFiles(store.TrialDirectory(spec)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Before the cleanup the store held max(K, checkpointEvery + 2) connectomes of 16 bytes.
        Assert.Equal(16 * (Math.Max(kept, 3) - (expected.Length - 1)), freed);
    }
}
