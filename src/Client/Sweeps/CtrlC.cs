namespace Orchestrator.Client.Sweeps;

/// <summary>The first Ctrl-C cancels the sweep cleanly (token fires); a second one ends the process at once.</summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CtrlC() => Console.CancelKeyPress += OnCancelKeyPress;

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
        Console.Error.WriteLine("cancelling: running trials stop after their current epoch (Ctrl-C again to quit at once)…");
        _source.Cancel();
    }
}
