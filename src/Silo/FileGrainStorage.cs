using System.Security.Cryptography;
using System.Text;
using Orleans.Storage;

namespace Orchestrator.Silo;

/// <summary>
/// Grain state in files under the checkpoint directory, for the embedded silo (<c>local run</c>, a silo without
/// Redis): after a <c>kill -9</c> the next silo on the same checkpoint directory finds the coordinator's trials
/// (finished ones keep their results), the running trials (resumed from their checkpoints) and the topology
/// series, instead of an empty cluster that retrains everything. Each state is one file, written to a temporary
/// name, flushed and renamed over the old one, so a crash leaves the previous state or the new one, never half.
/// </summary>
/// <remarks>File names are the SHA-256 of the state name and grain id: no grain key ever becomes a path.</remarks>
internal sealed class FileGrainStorage(string directory, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>The folder under the checkpoint directory holding the states (a sweep id never starts with a dot).</summary>
    public const string FolderName = ".grain-state";

    private readonly string _directory = Path.Combine(directory, FolderName);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        try
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(bytes));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A state this build cannot read (another version's, or damaged) is the grain's start, not a silo crash.
            throw new InconsistentStateException($"grain state {path} of {grainId} cannot be read ({ex.Message}); delete it to start that grain afresh", ex);
        }

        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Directory.CreateDirectory(_directory);
        var path = PathOf(stateName, grainId);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var data = serializer.Serialize(grainState.State);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(data.ToMemory());
                await file.FlushAsync();
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        grainState.RecordExists = true;
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    private string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{stateName}\n{grainId}"))) + ".state");
}
