namespace Orchestrator.Client.Sweeps;

/// <summary>
/// The first Ctrl-C fires the token and says what it does (cancel the local sweep, or detach from a cluster
/// sweep); a second one ends the process at once.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    /// <summary>What Ctrl-C does on <c>local run</c>: the silo is ours, so the sweep is cancelled.</summary>
    public const string CancelsLocalSweep = "cancelling: running trials stop after their current epoch (Ctrl-C again to quit at once)…";

    /// <summary>What Ctrl-C does on <c>sweep watch</c> and <c>sweep submit --watch</c>: the sweep belongs to the cluster.</summary>
    public const string Detaches = "detaching: the sweep keeps running on the cluster (stop it with `orchestrator sweep cancel`); writing the results so far…";

    private readonly CancellationTokenSource _source = new();
    private readonly string _message;

    public CtrlC(string message)
    {
        _message = message;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }

        e.Cancel = true;
        Console.Error.WriteLine(_message);
        _source.Cancel();
    }
}
