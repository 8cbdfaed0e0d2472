namespace Orchestrator.Search.Schedulers;

/// <summary>
/// A cross-trial scheduler (pruner): after a trial reports its objective for a step, decides whether it
/// goes on, seeing the whole study (like Optuna's <c>BasePruner.prune(study, trial)</c>). Holds no state:
/// the answer is a function of the study, so it is the same after a failover.
/// </summary>
public interface ITrialScheduler
{
    /// <summary>The scheduler's name (as in <c>"scheduler": {"type": …}</c>).</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="trial"/> should stop after its last reported step.</summary>
    /// <param name="study">Every trial of the search (the trial itself may be among them; it is recognised by number).</param>
    /// <param name="trial">The trial that just reported; its last report is the step decided on.</param>
    PruningDecision Decide(StudyHistory study, TrialRecord trial);
}
