using Microsoft.Extensions.Hosting;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// The lifetime of a front end's Orleans client host: it ignores SIGINT and SIGTERM. The default console lifetime
/// stops the host on either, which disconnected the client under a command that was itself handling the signal
/// (cancel the sweep, write partial results): the command owns the process's signals, the host is disposed by it.
/// </summary>
public sealed class CommandHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
