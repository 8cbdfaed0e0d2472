using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains;

/// <summary>
/// A search's label-free refit: once the search is over and every trial has ended, the best configuration is
/// trained once more on all the labelled data, stopped by the refit's own criterion. The refit is an ordinary
/// trial of the sweep (its spec carries <see cref="TrialSpec.RefitOf"/>), so it is persisted, watched, resumed
/// and reported like any other; it is added once, as the search's last trial, and a coordinator that fails over
/// finds it among its trials and never adds a second (its id is deterministic, and <see cref="SearchStudy.RefitDue"/>
/// returns nothing once a refit is held). The sweep ends only after it.
/// </summary>
public sealed partial class SweepCoordinatorGrain
{
    /// <summary>The refit trial, added to the state as pending, or null when none is due now.</summary>
    private TrialSpec? RefitTrial(SearchStudy study)
    {
        if (!SearchOver(study) || study.RefitDue(Trials, Objectives, searchOver: true) is not { } refit || IndexOf(refit.Id) >= 0)
        {
            return null;
        }

        AddTrial(new TrialStatus { Spec = refit, State = TrialState.Pending });
        metrics.PendingTrials(1);
        return refit;
    }
}
