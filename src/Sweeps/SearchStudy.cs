using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Search;
using Orchestrator.Search.Samplers;
using Orchestrator.Search.Schedulers;
using SearchTrialState = Orchestrator.Search.TrialState;
using TrialState = Orchestrator.Contracts.TrialState;

namespace Orchestrator.Sweeps;

/// <summary>
/// A sweep's search as the coordinator drives it: the study history rebuilt from the persisted trial statuses
/// and per-epoch objectives (nothing else is kept, so a coordinator that fails over asks the same questions and
/// gets the same answers), the next trial to start, and the scheduler's verdict after an epoch.
/// </summary>
public sealed class SearchStudy
{
    private readonly SweepDefinition _sweep;
    private readonly SweepSearch _search;
    private readonly SearchSpace _space;
    private readonly ISampler _sampler;
    private readonly ITrialScheduler? _scheduler;

    /// <param name="sweep">A validated sweep with a <see cref="SweepDefinition.Search"/>.</param>
    /// <exception cref="ArgumentException">The sweep has no search, or its search does not read (it was not validated).</exception>
    public SearchStudy(SweepDefinition sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        _sweep = sweep;
        _search = sweep.Search ?? throw new ArgumentException("the sweep has no search block.", nameof(sweep));
        using var document = JsonDocument.Parse(_search.Space);
        var read = SearchSpaceReader.Read(document.RootElement);
        _space = read.Space ?? throw new ArgumentException("the search space is invalid: " + string.Join("; ", read.Errors), nameof(sweep));
        _sampler = SamplerCatalog.Default.Create(_search.Sampler, Dictionary(_search.SamplerParameters));
        _scheduler = sweep.Scheduler is { } scheduler ? SchedulerCatalog.Default.Create(scheduler.Type, Dictionary(scheduler.Parameters)) : null;
        Direction = sweep.Objective?.Mode == "min" ? ObjectiveDirection.Minimize : ObjectiveDirection.Maximize;
    }

    /// <summary>Whether larger or smaller objectives are better.</summary>
    public ObjectiveDirection Direction { get; }

    /// <summary>True when a scheduler may prune this search's trials.</summary>
    public bool Prunes => _scheduler is not null && _sweep.Objective is not null;

    /// <summary>The objective measured in <paramref name="record"/> (on the hold-out), or null when the sweep has none or the epoch did not measure it.</summary>
    public double? ObjectiveOf(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _sweep.Objective?.Metric switch
        {
            SearchObjectives.ValidationAccuracy => record.Losses.ValidationAccuracy,
            SearchObjectives.ValidationLoss => record.Losses.Validation,
            _ => null,
        };
        return value is double v && double.IsFinite(v) ? v : null;
    }

    /// <summary>How many configurations have been proposed (search trials held, in any state).</summary>
    public static int Proposed(IEnumerable<TrialStatus> trials) => trials.Count(t => t.Spec.SearchNumber is not null);

    /// <summary>True when no more trials may be proposed: <see cref="SweepSearch.Trials"/> were.</summary>
    public bool IsComplete(IEnumerable<TrialStatus> trials) => Proposed(trials) >= _search.Trials;

    /// <summary>
    /// True when no more trials may be proposed: <see cref="SweepSearch.Trials"/> were, or a budget is spent
    /// (<see cref="SearchBudget"/>). Trials already running are not stopped by a spent budget.
    /// </summary>
    /// <param name="trials">The coordinator's trial statuses.</param>
    /// <param name="elapsed">Wall time since the sweep was submitted.</param>
    public bool IsOver(IReadOnlyCollection<TrialStatus> trials, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return IsComplete(trials) || SearchBudget.Spent(_search, trials, elapsed) is not null;
    }

    /// <summary>
    /// The best search trial (<see cref="SearchBest"/>) judged on the persisted objectives, or null when none ended
    /// normally with one (or the sweep has no objective).
    /// </summary>
    public TrialStatus? Best(IEnumerable<TrialStatus> trials, IEnumerable<TrialObjective> objectives)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objectives);
        if (_sweep.Objective is not { } objective)
        {
            return null;
        }

        var byTrial = objectives.ToLookup(o => o.TrialId, StringComparer.Ordinal);
        return SearchBest.Of(objective, trials, t => SearchBest.AtEnd(t.StopEpoch, byTrial[t.Spec.Id].Select(o => (o.Epoch, (double?)o.Value))))?.Trial;
    }

    /// <summary>
    /// The refit trial to start once the search is over and every trial has ended: the best configuration on all
    /// labelled data. Null when the sweep has no refit, a refit was already added, the search is still going, or
    /// no trial ended with an objective (nothing to refit).
    /// </summary>
    public TrialSpec? RefitDue(IReadOnlyCollection<TrialStatus> trials, IEnumerable<TrialObjective> objectives, bool searchOver)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (_sweep.Refit is null || !searchOver || trials.Any(t => t.Spec.IsRefit) || !trials.All(t => t.State.IsFinal()))
        {
            return null;
        }

        return Best(trials, objectives) is { } best ? SearchTrialSpecs.Refit(_sweep, best.Spec) : null;
    }

    /// <summary>Every search trial as samplers and schedulers see it.</summary>
    /// <param name="trials">The coordinator's trial statuses.</param>
    /// <param name="objectives">Every trial's objective per epoch.</param>
    public StudyHistory History(IEnumerable<TrialStatus> trials, IEnumerable<TrialObjective> objectives)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objectives);
        var byTrial = objectives.ToLookup(o => o.TrialId, StringComparer.Ordinal);
        var records = trials
            .Where(t => t.Spec.SearchNumber is not null)
            .Select(t => Record(t, byTrial[t.Spec.Id].ToImmutableSortedDictionary(o => o.Epoch, o => o.Value)))
            .ToList();
        return new StudyHistory(Direction, records);
    }

    /// <summary>The trial for the next proposal, or null when the sampler has nothing left (an exhausted grid).</summary>
    public TrialSpec? ProposeNext(StudyHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var configuration = _sampler.Propose(_space, _search.Seed, history);
        return configuration is null ? null : SearchTrialSpecs.Spec(_sweep, history.NextTrialNumber, configuration);
    }

    /// <summary>The scheduler's verdict on <paramref name="trialId"/> after its last reported epoch; null when nothing prunes.</summary>
    public PruningDecision? Decide(StudyHistory history, string trialId, int searchNumber)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!Prunes)
        {
            return null;
        }

        var trial = history.Trials.FirstOrDefault(t => t.Number == searchNumber);
        return trial is null || trial.Reports.Count == 0 ? null : _scheduler!.Decide(history, trial);
    }

    private static Dictionary<string, string> Dictionary(IEnumerable<NamedValue> values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static TrialRecord Record(TrialStatus status, ImmutableSortedDictionary<int, double> objective)
    {
        var reports = objective.Select(p => new ObjectiveReport(p.Key, p.Value)).ToList();
        var state = status.State switch
        {
            TrialState.Pending or TrialState.Running => SearchTrialState.Running,
            TrialState.Stopped or TrialState.Completed => SearchTrialState.Completed,
            TrialState.Pruned => SearchTrialState.Pruned,

            // Diverged, failed and cancelled trials have no objective a sampler could learn from.
            _ => SearchTrialState.Failed,
        };

        // A completed trial's objective is the one at the epoch it ended on (a stop restores that epoch's model).
        var final = state == SearchTrialState.Completed ? SearchBest.AtEnd(status.StopEpoch, objective.Select(p => (p.Key, (double?)p.Value))) : null;
        return new TrialRecord(status.Spec.SearchNumber!.Value, SearchTrialSpecs.ConfigurationOf(status.Spec), state, final) { Reports = reports };
    }
}
