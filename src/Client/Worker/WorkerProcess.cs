using System.Diagnostics;
using Orchestrator.Client.Core.Workers;

namespace Orchestrator.Client.Worker;

/// <summary>
/// Runs the worker executable (<c>orchestrator-silo</c>) as a child process: streams its stdout and
/// stderr line by line to the given writers, forwards Ctrl-C and SIGTERM to it as SIGINT (and kills it if it has
/// not ended <see cref="GracePeriod"/> later), and returns its exit code. The CLI never loads
/// TorchSharp; everything that trains or hosts grains runs in this child.
/// </summary>
internal sealed class WorkerProcess
{
    private readonly string _fileName;
    private readonly IReadOnlyList<string> _leadingArguments;

    /// <summary>A worker started as <paramref name="fileName"/> with <paramref name="leadingArguments"/> before each call's arguments.</summary>
    public WorkerProcess(string fileName, IReadOnlyList<string> leadingArguments)
    {
        _fileName = fileName;
        _leadingArguments = leadingArguments;
    }

    /// <summary>How long a worker may take to end after SIGINT before it is killed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>What is started, for messages.</summary>
    public string Description => string.Join(' ', [_fileName, .. _leadingArguments]);

    /// <summary>The worker every front end starts (<see cref="WorkerExecutable.Locate"/>).</summary>
    /// <exception cref="InputException">No worker was found; the message says how to point at one.</exception>
    public static WorkerProcess Locate() => For(WorkerExecutable.Locate());

    /// <summary>Runs <paramref name="worker"/>.</summary>
    public static WorkerProcess For(WorkerExecutable worker) => new(worker.FileName, worker.LeadingArguments);

    /// <summary>Runs the worker with <paramref name="arguments"/> until it exits; returns its exit code.</summary>
    public async Task<int> RunAsync(IEnumerable<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var start = new ProcessStartInfo(_fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in _leadingArguments.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        // The worker is this command's child: it stops by itself if this process dies without forwarding a signal (kill -9).
        start.Environment[WorkerExecutable.ParentWatchVariable] = "1";

        using var process = new Process { StartInfo = start };
        var gate = new Lock();
        void Forward(TextWriter writer, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                writer.WriteLine(line);
                writer.Flush();
            }
        }

        process.OutputDataReceived += (_, e) => Forward(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(stderr, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InputException($"could not start the worker '{Description}': {ex.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancelKey = (_, e) =>
        {
            // Keep the CLI alive so it can relay the worker's partial results and exit code.
            e.Cancel = true;
            interrupted.Cancel();
        };
        Console.CancelKeyPress += onCancelKey;
        // SIGTERM is Ctrl-C: it reaches the worker as SIGINT (its clean stop), instead of leaving it running with parent 1.
        using var terminate = OperatingSystem.IsWindows() ? null : System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            c =>
            {
                c.Cancel = true;
                interrupted.Cancel();
            });
        try
        {
            try
            {
                await process.WaitForExitAsync(interrupted.Token);
            }
            catch (OperationCanceledException)
            {
                Interrupt(process);
                using var grace = new CancellationTokenSource(GracePeriod);
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }

            // Drain the asynchronous readers after exit.
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= onCancelKey;
        }
    }

    private static void Interrupt(Process process)
    {
        if (!process.HasExited && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            // SIGINT lets the worker stop between batches and write partial results; .NET has no API to send it.
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
        else if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
