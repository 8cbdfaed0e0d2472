namespace Orchestrator.Trials;

/// <summary>Where a trial's monitoring runs relative to its training loop.</summary>
public enum MonitoringMode
{
    /// <summary>
    /// Only what needs the model as it is after epoch t stays on the training path (the probe pass, VL's validation
    /// pass, a clone of the model on its device); NP's weights (read from that clone), the connectome, signals and criterion run while epoch t+1
    /// trains, and the decision for t is awaited after it. A stop at t restores the copy: the result is the model at t.
    /// </summary>
    Concurrent,

    /// <summary>Each epoch waits for its own decision before the next starts (the reference the concurrent mode must equal).</summary>
    Synchronous,
}
