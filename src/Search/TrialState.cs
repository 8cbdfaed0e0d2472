namespace Orchestrator.Search;

/// <summary>Where a trial of a search stands, as samplers and schedulers see it.</summary>
public enum TrialState
{
    /// <summary>Proposed and still training.</summary>
    Running,

    /// <summary>Ended normally (its criterion or the epoch limit stopped it) with an objective.</summary>
    Completed,

    /// <summary>Ended early by a cross-trial scheduler.</summary>
    Pruned,

    /// <summary>Diverged or crashed; samplers ignore its values.</summary>
    Failed,
}
