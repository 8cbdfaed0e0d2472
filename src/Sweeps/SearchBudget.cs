using System.Globalization;
using Orchestrator.Contracts;

namespace Orchestrator.Sweeps;

/// <summary>
/// A search's budgets (<c>search.budget</c>): once one is spent no new trial is proposed. Trials already running
/// are let finish and their epochs count (as Optuna's <c>timeout</c> lets a running trial finish): stopping them
/// would throw away epochs already paid for and leave trials without an end, so a search may overrun its epoch
/// budget by what its running trials still train. The refit is not part of the search and is never held back.
/// </summary>
public static class SearchBudget
{
    /// <summary>Which budget is spent, in words, or null while none is.</summary>
    /// <param name="search">The search and its budgets.</param>
    /// <param name="trials">Every trial of the sweep; the epochs of its search trials (any state) are the epochs spent.</param>
    /// <param name="elapsed">Wall time since the sweep was submitted.</param>
    public static string? Spent(SweepSearch search, IEnumerable<TrialStatus> trials, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(trials);
        if (search.BudgetEpochs is int epochs && EpochsSpent(trials) is var spent && spent >= epochs)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the epoch budget is spent ({spent} of {epochs} epochs trained)");
        }

        if (search.BudgetSeconds is double seconds && elapsed.TotalSeconds >= seconds)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the time budget is spent ({elapsed.TotalSeconds:0.#} of {seconds:0.#} s since submission)");
        }

        return null;
    }

    /// <summary>Epochs trained by the search's trials so far (refit and grid trials excluded).</summary>
    public static int EpochsSpent(IEnumerable<TrialStatus> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return trials.Where(t => t.Spec.SearchNumber is not null).Sum(t => t.EpochsRun);
    }
}
