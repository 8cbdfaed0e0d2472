namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// No call reached the cluster for the watch's reconnect window (<c>SweepMonitor.ReconnectWindow</c>): every gateway is gone, or Redis is.
/// The sweep may still be running; the message says how to follow it again.
/// </summary>
public sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException()
    {
    }

    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    public ClusterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
