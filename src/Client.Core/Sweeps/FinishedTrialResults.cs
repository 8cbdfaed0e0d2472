using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Writes the results folder (partial) each time another trial of the watched sweep finishes, so a crash of the
/// silo or of this process loses at most the epochs of the trials still running: every finished trial is on disk
/// already (each write goes through <see cref="SweepResultsWriter"/>'s staging folder and swap, so the folder is
/// the previous complete one or the new one). Writes run one at a time, off the watching loop.
/// </summary>
public sealed class FinishedTrialResults(IClusterClient client, string resultsRoot, ISweepProgress inner, TextWriter errors) : ISweepProgress
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task _writing = Task.CompletedTask;
    private int _finishedWritten;
    private bool _failed;

    /// <summary>The results folder as last written here, or null before the first trial finished.</summary>
    public string? LastWritten { get; private set; }

    /// <summary>How many finished trials the last write held.</summary>
    public int FinishedWritten => Volatile.Read(ref _finishedWritten);

    public void OnStatus(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        inner.OnStatus(status);
        var finished = status.Trials.Count(t => t.State.IsFinal());
        if (finished > _finishedWritten && finished < status.Trials.Length && !_failed)
        {
            _finishedWritten = finished;
            _writing = WriteAsync(status);
        }
    }

    public void OnEpoch(string trialId, EpochRecord record) => inner.OnEpoch(trialId, record);

    /// <summary>Waits for a write in progress (before the final write, so two never race for the folder).</summary>
    public Task DrainAsync() => _writing;

    private async Task WriteAsync(SweepStatus status)
    {
        await _gate.WaitAsync();
        try
        {
            var epochs = await new SweepMonitor(client).EpochsAsync(status);
            LastWritten = SweepResultsWriter.Write(resultsRoot, status, epochs, partial: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InputException or TimeoutException or OrleansException)
        {
            // The final write reports a lasting problem with its own exit code; here one line, and no retry storm.
            _failed = true;
            await errors.WriteLineAsync($"warning: could not write the results so far ({ex.Message}); the final write will try again.");
        }
        finally
        {
            _gate.Release();
        }
    }
}
