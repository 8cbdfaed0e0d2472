namespace Orchestrator.Client.Core.Sweeps;

/// <summary>What a watch does when its token fires (the user pressed Ctrl-C).</summary>
public enum WatchStop
{
    /// <summary>Cancel the sweep and keep watching until its running trials stop: the silo is the watcher's own (<c>local run</c>).</summary>
    CancelSweep,

    /// <summary>Stop watching and leave the sweep running on the cluster, as Ray and W&amp;B do (<c>sweep watch</c>).</summary>
    Detach,
}
