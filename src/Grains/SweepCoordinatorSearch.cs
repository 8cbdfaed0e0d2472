using System.Collections.Immutable;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains;

/// <summary>
/// The coordinator's ask/tell loop for a sweep with a search: whenever a slot frees, the sampler proposes the
/// next configuration from the study rebuilt out of the persisted trials and objectives; after every epoch the
/// scheduler may prune the trial. Nothing of the search lives only in memory, so a failed-over coordinator
/// continues the same search.
/// </summary>
public sealed partial class SweepCoordinatorGrain
{
    private SearchStudy? Study =>
        state.State.Definition is { Search: not null } definition ? _study ??= new SearchStudy(definition) : null;

    /// <summary>
    /// A resubmitted search keeps the trials it already proposed when it is the same search (space, sampler,
    /// seed and settings), so it continues where it was; a different search starts again.
    /// </summary>
    private IReadOnlyList<TrialSpec> KeptSearchTrials(SweepDefinition definition)
    {
        var previous = state.State.Definition;
        var same = previous?.Search is { } search
                   && SweepFileIdentity(previous with { Search = null, Objective = null, Scheduler = null, Concurrency = 0 })
                   == SweepFileIdentity(definition with { Search = null, Objective = null, Scheduler = null, Concurrency = 0 })
                   && search.Space == definition.Search!.Space && search.Sampler == definition.Search.Sampler && search.Seed == definition.Search.Seed
                   && search.SamplerParameters.SequenceEqual(definition.Search.SamplerParameters);
        // The refit is kept when its criterion is unchanged; with another one the search's best is refitted again.
        var sameRefit = previous?.Refit?.Stopping.Describe() == definition.Refit?.Stopping.Describe();
        return same
            ? [.. Trials.Where(t => t.Spec.SearchNumber is not null || (t.Spec.IsRefit && sameRefit)).Select(t => t.Spec)]
            : [];
    }

    /// <summary>The search's first trial, so preflight checks (devices, data) run before anything is scheduled.</summary>
    private static IReadOnlyList<TrialSpec> FirstProposal(SweepDefinition definition, IReadOnlyList<TrialSpec> kept)
    {
        if (kept.Count > 0)
        {
            return kept;
        }

        var study = new SearchStudy(definition);
        return study.ProposeNext(study.History([], [])) is { } first ? [first] : [];
    }

    private static string SweepFileIdentity(SweepDefinition definition) =>
        string.Join('|', TrialExpansion.Expand(definition with { Search = null }).Select(t => t.Id));

    /// <summary>
    /// Up to <paramref name="slots"/> new trials from the sampler, added to the state as pending; once the search
    /// is over and every trial has ended, the refit trial instead (<see cref="RefitTrial"/>).
    /// </summary>
    private List<TrialSpec> ProposeTrials(int slots)
    {
        var proposed = new List<TrialSpec>();
        var study = Study!;
        while (proposed.Count < slots && !SearchOver(study))
        {
            var spec = study.ProposeNext(study.History(Trials, Objectives));
            if (spec is null || IndexOf(spec.Id) >= 0)
            {
                state.State = state.State with { SearchExhausted = true };
                break;
            }

            AddTrial(new TrialStatus { Spec = spec, State = TrialState.Pending });
            metrics.PendingTrials(1);
            proposed.Add(spec);
        }

        if (proposed.Count < slots && RefitTrial(study) is { } refit)
        {
            proposed.Add(refit);
        }

        return proposed;
    }

    /// <summary>True when the search proposes nothing more: its trials were proposed, its sampler ran out, or a budget is spent.</summary>
    private bool SearchOver(SearchStudy study) =>
        state.State.SearchExhausted || study.IsOver(Trials, DateTime.UtcNow - state.State.SubmittedAt);

    /// <summary>
    /// True while a search sweep has work left (proposals, or its refit not yet added), so it must not end even
    /// though every trial it holds has ended.
    /// </summary>
    private bool SearchContinues() =>
        Study is { } study && (!SearchOver(study) || study.RefitDue(Trials, Objectives, searchOver: true) is not null);

    /// <summary>
    /// Keeps the epoch's objective and asks the scheduler about the trial; a pruned trial is ended here (its run
    /// is cancelled) with the scheduler's reason. A criterion that stopped the trial first has made it final
    /// already, so whichever fires first names the end.
    /// </summary>
    private async Task<TrialStatus> ObserveObjectiveAsync(int index, TrialStatus merged, EpochRecord record)
    {
        if (Study is not { } study || merged.Spec.SearchNumber is not int number || study.ObjectiveOf(record) is not double objective)
        {
            return merged;
        }

        // An epoch replayed after a restart replaces the value it had.
        SetObjective(index, new TrialObjective(merged.Spec.Id, record.Epoch, objective));
        // A prune at the last epoch saves nothing: the trial ends there anyway, as completed.
        if (merged.State != TrialState.Running || record.Epoch >= merged.Spec.MaxEpochs
            || study.Decide(study.History(Trials, Objectives), merged.Spec.Id, number) is not { ShouldPrune: true } decision)
        {
            await SaveAsync();
            return merged;
        }

        var pruned = merged with { State = TrialState.Pruned, Reason = decision.Reason, StopEpoch = record.Epoch };
        SetTrial(index, pruned);
        await SaveAsync();
        try
        {
            // The run's end (its test pass on the pruned model) is merged before the sweep may end, so results have it.
            var ended = await GrainFactory.GetGrain<ITrainingRunGrain>(pruned.Spec.GrainKey).Prune(decision.Reason);
            if (ended.Spec.Id == pruned.Spec.Id && ended.State.IsFinal())
            {
                pruned = TrialScheduler.Merge(pruned, ended);
                SetTrial(IndexOf(pruned.Spec.Id), pruned);
                await SaveAsync();
            }
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansException)
        {
            // The trial is final here; a run that did not hear the cancel reports its end later and stays pruned.
        }

        // The caller sees a trial that became final: it schedules the next one and checks the sweep's end.
        return pruned;
    }
}
