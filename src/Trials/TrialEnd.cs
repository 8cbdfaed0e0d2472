namespace Orchestrator.Trials;

/// <summary>How a trial's run ended.</summary>
public enum TrialEnd
{
    /// <summary>It reached its epoch limit (or its criterion stopped it there).</summary>
    Completed,

    /// <summary>Its criterion stopped it before the epoch limit.</summary>
    Stopped,

    /// <summary>Its training loss became NaN or infinite.</summary>
    Diverged,

    /// <summary>It was cancelled.</summary>
    Cancelled,
}
