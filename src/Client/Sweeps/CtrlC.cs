using System.Runtime.InteropServices;

namespace Orchestrator.Client.Sweeps;

/// <summary>
/// The first Ctrl-C (SIGINT) or SIGTERM fires the token and says what it does (cancel the local sweep, or detach
/// from a cluster sweep); a second one ends the process at once. SIGTERM is Ctrl-C: a service manager or
/// <c>kill</c> gets the same clean end (partial results written, the local silo stopped). Either way the process
/// ends within <see cref="ShutdownBound"/> of the first signal, results written or not.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    /// <summary>What Ctrl-C does on <c>local run</c>: the silo is ours, so the sweep is cancelled.</summary>
    public const string CancelsLocalSweep = "cancelling: running trials stop after their current epoch (Ctrl-C again to quit at once)…";

    /// <summary>What Ctrl-C does on <c>sweep watch</c> and <c>sweep submit --watch</c>: the sweep belongs to the cluster.</summary>
    public const string Detaches = "detaching: the sweep keeps running on the cluster (stop it with `orchestrator sweep cancel`); writing the results so far…";

    /// <summary>
    /// The longest a signalled command takes to exit: the running epochs end (checkpointed), the partial results
    /// are written and the local silo stops well within it on the bundled models; an epoch longer than this is
    /// lost (its previous checkpoint is kept) and the process exits with <see cref="ExitCodes.Cancelled"/>.
    /// </summary>
    public static readonly TimeSpan ShutdownBound = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenSource _bound = new();
    private readonly string _message;
    private readonly PosixSignalRegistration? _terminate;

    public CtrlC(string message)
    {
        _message = message;
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate?.Dispose();

        // The command ended (and with it its use of the signal): no forced exit later, e.g. in a test host.
        _bound.Cancel();
        _bound.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }

        e.Cancel = true;
        Fire("");
    }

    private void OnTerminate(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            // A second SIGTERM: the default action (exit now).
            return;
        }

        context.Cancel = true;
        Fire("SIGTERM: ");
    }

    private void Fire(string prefix)
    {
        Console.Error.WriteLine(prefix + _message);
        _source.Cancel();
        _ = Task.Delay(ShutdownBound, _bound.Token).ContinueWith(
            _ =>
            {
                Console.Error.WriteLine($"still not finished {ShutdownBound.TotalSeconds:0} s after the signal: exiting now (checkpoints written so far are kept).");
                Environment.Exit(ExitCodes.Cancelled);
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }
}
