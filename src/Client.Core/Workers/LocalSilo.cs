using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Client.Sweeps;

/// <summary>
/// A worker process (<c>orchestrator-silo silo …</c>) started by the CLI, the way <c>ray.init()</c> starts local
/// workers: the CLI never loads TorchSharp itself. Output goes to a log file; the CLI waits for the ready line.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const string ReadyLine = "orchestrator-silo ready";
    private const string SiloErrorPrefix = "error: ";
    private readonly Process _process;
    private readonly bool _keep;

    private SiloProcess(Process process, string logPath, bool keep)
    {
        _process = process;
        LogPath = logPath;
        _keep = keep;
    }

    /// <summary>The silo's log file.</summary>
    public string LogPath { get; }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>The command that runs the worker executable: <c>ORCHESTRATOR_SILO_PATH</c> (a dll runs under <c>dotnet</c>).</summary>
    public static (string FileName, string[] Prefix) WorkerCommand()
    {
        var path = Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH");
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InputException(
                "the worker executable was not found: set ORCHESTRATOR_SILO_PATH to orchestrator-silo(.dll) or run through ./orchestrator, which sets it");
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [path]) : (path, []);
    }

    /// <summary>A free TCP port on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>silo</c> with <paramref name="arguments"/> and waits until it accepts clients.</summary>
    /// <param name="arguments">Arguments after the <c>silo</c> verb.</param>
    /// <param name="logPath">Where the silo's output goes.</param>
    /// <param name="keep">Keep running after the CLI exits (otherwise it stops when the CLI closes its stdin).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<SiloProcess> StartAsync(IReadOnlyList<string> arguments, string logPath, bool keep, CancellationToken cancellationToken)
    {
        var (fileName, prefix) = WorkerCommand();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        File.WriteAllText(logPath, string.Empty);
        var all = prefix.Concat(["silo"]).Concat(arguments).Concat(keep ? [] : ["--stop-with-stdin"]);
        // setsid: the silo gets its own session, so the terminal's Ctrl-C reaches only the CLI, which then
        // cancels the sweep cleanly and stops the silo itself.
        var commandLine = "exec setsid " + string.Join(' ', new[] { fileName }.Concat(all).Select(ShellQuote))
            + $" >> {ShellQuote(logPath)} 2>&1" + (keep ? " < /dev/null" : string.Empty);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = !keep, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker process");
        var silo = new SiloProcess(process, logPath, keep);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var log = await ReadSharedAsync(logPath, cancellationToken);
            if (log.Contains(ReadyLine, StringComparison.Ordinal))
            {
                return silo;
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                if (process.HasExited)
                {
                    log = await ReadSharedAsync(logPath, cancellationToken);
                }

                var tail = string.Join('\n', log.Split('\n').TakeLast(20));
                var rejectedArguments = process.HasExited && process.ExitCode == 2;
                await silo.DisposeAsync();
                if (rejectedArguments)
                {
                    // The silo validates its own arguments (e.g. --gpus) and says what to fix; the CLI adds its own "error: ".
                    var reason = tail.Trim();
                    throw new InputException(reason.StartsWith(SiloErrorPrefix, StringComparison.Ordinal) ? reason[SiloErrorPrefix.Length..] : reason);
                }

                throw new InvalidOperationException($"the silo did not start (log {logPath}):\n{tail}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Stops the silo unless it was started to be kept (closing stdin asks it to shut down cleanly).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_keep && !_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static async Task<string> ReadSharedAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
