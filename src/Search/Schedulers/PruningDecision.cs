namespace Orchestrator.Search.Schedulers;

/// <summary>A scheduler's answer for one trial at one step.</summary>
/// <param name="ShouldPrune">True to end the trial now, as <see cref="TrialState.Pruned"/>.</param>
/// <param name="Step">The step decided on (0 when the trial reported nothing).</param>
/// <param name="Reason">Why, naming the rung or step and the comparison (the trial's reason when pruned).</param>
public sealed record PruningDecision(bool ShouldPrune, int Step, string Reason)
{
    /// <summary>Go on.</summary>
    public static PruningDecision Continue(int step, string reason) => new(false, step, reason);

    /// <summary>End the trial.</summary>
    public static PruningDecision Prune(int step, string reason) => new(true, step, reason);
}
