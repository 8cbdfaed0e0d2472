namespace Orchestrator.Contracts;

/// <summary>Where a trial is in its life. Every state after <see cref="Running"/> is final.</summary>
[GenerateSerializer]
public enum TrialState
{
    /// <summary>Expanded from the sweep, waiting for a free slot.</summary>
    Pending = 0,

    /// <summary>Training on a silo.</summary>
    Running = 1,

    /// <summary>Its stopping criterion stopped it early (the reason says which and why).</summary>
    Stopped = 2,

    /// <summary>Trained for the sweep's maximum number of epochs.</summary>
    Completed = 3,

    /// <summary>The training loss became NaN or infinite.</summary>
    Diverged = 4,

    /// <summary>An error ended it (the reason holds the error), or it was restarted too often.</summary>
    Failed = 5,

    /// <summary>The user cancelled the sweep before it ended.</summary>
    Cancelled = 6,

    /// <summary>A cross-trial scheduler ended it because it was behind the other trials (the reason names the rung and the comparison).</summary>
    Pruned = 7,
}
