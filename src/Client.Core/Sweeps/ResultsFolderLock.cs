using System.Globalization;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// One run at a time per results folder: two <c>local run</c>s of one sweep would share its checkpoints and
/// truncate each other's silo log. The lock is an exclusive open of <c>&lt;root&gt;/&lt;sweep-id&gt;.lock</c>
/// (an OS lock, released when the process dies, so a crash leaves no stale lock); the holder's process id
/// is written beside it so the second run can say who holds it.
/// </summary>
public sealed class ResultsFolderLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _owner;

    private ResultsFolderLock(FileStream handle, string owner)
    {
        _lock = handle;
        _owner = owner;
    }

    /// <summary>Takes the lock of <paramref name="sweepId"/>'s results under <paramref name="resultsRoot"/>.</summary>
    /// <exception cref="InputException">Another process holds it; the message names its process id and the way out.</exception>
    public static ResultsFolderLock Acquire(string resultsRoot, string sweepId)
    {
        var folder = ResultsFolder.Of(resultsRoot, sweepId);
        Directory.CreateDirectory(resultsRoot);
        var path = folder + ".lock";
        var owner = folder + ".lock.owner";
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(owner) ? File.ReadAllText(owner).Trim() : "another process";
            throw new InputException(
                $"results folder '{folder}' is in use by {holder} (lock {path}); wait for that run to end, stop it, or write elsewhere with --results DIR.");
        }

        File.WriteAllText(owner, string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} ({Environment.ProcessPath ?? "orchestrator"}) since {DateTime.UtcNow:u}"));
        return new ResultsFolderLock(handle, owner);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        File.Delete(_owner);
        File.Delete(_lock.Name);
        _lock.Dispose();
    }
}
