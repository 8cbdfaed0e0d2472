using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>How a watch ended: the sweep's last status, and whether the watcher cancelled it.</summary>
/// <param name="Status">The sweep when the watch ended.</param>
/// <param name="Cancelled">The watcher's cancellation token fired and the sweep was cancelled.</param>
public sealed record SweepWatch(SweepStatus Status, bool Cancelled)
{
    /// <summary>The watcher's token fired and the watcher left the sweep running (<see cref="WatchStop.Detach"/>).</summary>
    public bool Detached { get; init; }
}
