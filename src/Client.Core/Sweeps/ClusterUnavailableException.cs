namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// The cluster stopped answering for longer than a watch waits (<see cref="SweepMonitor.UnreachableLimit"/>), or it
/// lost a sweep it was running (its state is gone: Redis restarted without its data, or the sweep was deleted).
/// Nothing is written: an empty or stale results folder must never pass for a result. The CLI's exit code 4.
/// </summary>
public sealed class ClusterUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
