using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Client.Core.Sweeps;

namespace Orchestrator.Client.Core.Workers;

/// <summary>
/// A worker process (<c>orchestrator-silo silo …</c>) started by a front end, the way <c>ray.init()</c> starts
/// local workers: front ends never load TorchSharp themselves. Output goes to a log file; starting waits for the
/// ready line.
/// </summary>
public sealed class LocalSilo : IAsyncDisposable
{
    private const string ReadyLine = "orchestrator-silo ready";
    private const string SiloErrorPrefix = "error: ";
    private readonly Process _process;
    private readonly bool _keep;

    private LocalSilo(Process process, string logPath, bool keep, int gatewayPort, string clusterId)
    {
        _process = process;
        LogPath = logPath;
        _keep = keep;
        GatewayPort = gatewayPort;
        ClusterId = clusterId;
    }

    /// <summary>The silo's log file.</summary>
    public string LogPath { get; }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the silo process has ended (killed, crashed or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the silo process has exited (a crash, a kill -9): the watch stops waiting for it.</summary>
    public Task ExitedAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The silo's client gateway on loopback.</summary>
    public int GatewayPort { get; }

    /// <summary>The silo's Orleans cluster id.</summary>
    public string ClusterId { get; }

    /// <summary>Where a client connects to this silo.</summary>
    public ClusterEndpoint Endpoint => new(GatewayPort, null, ClusterId);

    /// <summary>A free TCP port on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts an embedded single silo on free loopback ports and waits until it accepts clients.</summary>
    /// <param name="settings">What the silo hosts.</param>
    /// <param name="logPath">Where the silo's output goes.</param>
    /// <param name="keep">Keep running after the front end exits (otherwise it stops when the front end closes its stdin).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InputException">The worker was not found, or it rejected the settings (its message, e.g. about <c>--gpus</c>).</exception>
    public static Task<LocalSilo> StartAsync(LocalSiloSettings settings, string logPath, bool keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var gatewayPort = FreePort();
        var arguments = new List<string>
        {
            "--port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--checkpoints", settings.CheckpointDirectory,
            "--slots", settings.Slots.ToString(CultureInfo.InvariantCulture),
            "--cluster-id", settings.ClusterId,
        };
        if (settings.MetricsPort > 0)
        {
            arguments.AddRange(["--metrics-port", settings.MetricsPort.ToString(CultureInfo.InvariantCulture)]);
        }

        if (settings.Gpus is { } gpus)
        {
            arguments.AddRange(["--gpus", gpus]);
        }

        if (settings.ConnectomesKept is { } kept)
        {
            arguments.AddRange(["--connectomes-kept", kept.ToString(CultureInfo.InvariantCulture)]);
        }

        if (settings.PerTrialMetrics)
        {
            arguments.Add("--per-trial-metrics");
        }

        if (settings.DataDirectory is { } data)
        {
            arguments.AddRange(["--data-dir", Path.GetFullPath(data)]);
        }

        return StartAsync(arguments, gatewayPort, settings.ClusterId, logPath, keep, cancellationToken);
    }

    private static async Task<LocalSilo> StartAsync(List<string> arguments, int gatewayPort, string clusterId, string logPath, bool keep, CancellationToken cancellationToken)
    {
        var worker = WorkerExecutable.Locate();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        File.WriteAllText(logPath, string.Empty);
        var fileName = worker.FileName;
        var all = worker.LeadingArguments.Concat(["silo"]).Concat(arguments).Concat(keep ? [] : ["--stop-with-stdin"]);
        // setsid: the silo gets its own session, so the terminal's Ctrl-C reaches only the CLI, which then
        // cancels the sweep cleanly and stops the silo itself.
        var commandLine = "exec setsid " + string.Join(' ', new[] { fileName }.Concat(all).Select(ShellQuote))
            + $" >> {ShellQuote(logPath)} 2>&1" + (keep ? " < /dev/null" : string.Empty);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = !keep, UseShellExecute = false };
        if (!keep)
        {
            // Closing stdin already stops it when this process ends; the parent watch also covers a stdin held open elsewhere.
            start.Environment[WorkerExecutable.ParentWatchVariable] = "1";
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the worker '{worker.Description}'");
        var silo = new LocalSilo(process, logPath, keep, gatewayPort, clusterId);
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
                    // The silo validates its own arguments (e.g. --gpus) and says what to fix; front ends add their own "error: ".
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
