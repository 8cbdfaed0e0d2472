using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains;

/// <summary>
/// Where a trial's files live in the shared checkpoint directory:
/// <c>&lt;dir&gt;/&lt;sweep&gt;/&lt;trial&gt;/run.ckpt</c> for the training state and
/// <c>connectome-&lt;epoch&gt;.bin</c> for the last connectomes the topology grain needs after a restart.
/// </summary>
public sealed class CheckpointStore(IOptions<OrchestratorOptions> options)
{
    /// <summary>The root directory.</summary>
    public string Root { get; } = options.Value.CheckpointDirectory;

    private readonly int _kept = options.Value.ConnectomesKept;

    /// <summary>The directory of one trial (created on demand).</summary>
    public string TrialDirectory(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var directory = TrialPath(spec.SweepId, spec.Id);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when the trial's folder would break the id grammar or leave <see cref="Root"/>; creates nothing.</summary>
    public void Verify(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _ = TrialPath(spec.SweepId, spec.Id);
    }

    /// <summary>The training checkpoint of a trial.</summary>
    public string RunCheckpoint(TrialSpec spec) => Path.Combine(TrialDirectory(spec), "run.ckpt");

    /// <summary>
    /// Saves the connectome bytes of <paramref name="epoch"/> and drops the older ones beyond both what a resumed
    /// run can need (<see cref="TrialSpec.CheckpointEvery"/> + 1 epochs back) and the last
    /// <see cref="OrchestratorOptions.ConnectomesKept"/> the dashboard shows.
    /// </summary>
    public void SaveConnectome(TrialSpec spec, int epoch, byte[] connectome)
    {
        var directory = TrialDirectory(spec);
        var path = ConnectomePath(directory, epoch);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, connectome);
        File.Move(temporary, path, overwrite: true);
        var keep = Math.Max(spec.CheckpointEvery + 2, _kept);
        foreach (var file in Directory.EnumerateFiles(directory, "connectome-*.bin"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (int.TryParse(name.AsSpan("connectome-".Length), out var e) && (e <= epoch - keep || e > epoch))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// Deletes what only a resume needs and keeps the final model checkpoint (<c>run.ckpt</c>) and the last
    /// <see cref="OrchestratorOptions.ConnectomesKept"/> connectomes (the dashboard's diagram slider over a finished
    /// trial, live or from its results folder), once a trial has ended for good. With <c>--connectomes-kept 0</c> a
    /// finished quickstart keeps only its 12 small checkpoints. Cancelled and failed trials keep everything, since
    /// they may be resumed or restarted. Returns the bytes freed.
    /// </summary>
    /// <param name="spec">The trial.</param>
    public long KeepFinalCheckpointOnly(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var directory = TrialPath(spec.SweepId, spec.Id);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var shown = Directory.EnumerateFiles(directory, "connectome-*.bin")
            .Select(f => (File: f, Epoch: int.TryParse(Path.GetFileNameWithoutExtension(f).AsSpan("connectome-".Length), out var e) ? e : 0))
            .OrderByDescending(c => c.Epoch)
            .Take(_kept)
            .Select(c => c.File)
            .ToHashSet(StringComparer.Ordinal);
        long freed = 0;
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => Path.GetFileName(f) != "run.ckpt" && !shown.Contains(f)))
        {
            freed += new FileInfo(file).Length;
            File.Delete(file);
        }

        return freed;
    }

    /// <summary>The connectome upper triangle of <paramref name="epoch"/>, or null when it was not kept.</summary>
    public float[]? LoadConnectome(TrialSpec spec, int epoch)
    {
        var path = ConnectomePath(TrialDirectory(spec), epoch);
        return File.Exists(path) ? MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray() : null;
    }

    /// <summary>The raw connectome bytes of one epoch of a trial, or null when they were not kept.</summary>
    public byte[]? LoadConnectomeBytes(string sweepId, string trialId, int epoch)
    {
        var path = ConnectomePath(TrialPath(sweepId, trialId), epoch);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    // Ids come from callers: both follow the id grammar, and the folder is proven to stay under the root.
    private string TrialPath(string sweepId, string trialId) =>
        RootedPath.Under(Root, SafeId.Require(sweepId, "sweepId"), SafeId.Require(trialId, "id"));

    private static string ConnectomePath(string directory, int epoch) => Path.Combine(directory, $"connectome-{epoch}.bin");
}
