using System.Collections.Immutable;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Grains;

/// <summary>
/// The coordinator's trials: held in memory, persisted one record per trial (<see cref="SweepTrialRecords"/>).
/// A change marks its trial dirty; <see cref="SaveAsync"/> writes the dirty records, then the compact sweep state
/// only if it changed. So a trial event costs one record's bytes whatever the sweep's size, and a failed-over
/// coordinator reads the same trials, objectives and search state back (<see cref="LoadTrialsAsync"/>).
/// </summary>
public sealed partial class SweepCoordinatorGrain
{
    private readonly List<GrainState<SweepTrialRecord>> _records = [];
    private readonly Dictionary<string, ImmutableArray<TrialObjective>> _objectives = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _dirty = [];
    private ImmutableArray<TrialStatus> _trials = [];
    private SweepCoordinatorState? _saved;

    /// <summary>Every trial's status, in expansion (or proposal) order.</summary>
    private ImmutableArray<TrialStatus> Trials => _trials;

    /// <summary>Every search trial's objective per epoch.</summary>
    private IEnumerable<TrialObjective> Objectives => _objectives.Values.SelectMany(o => o);

    private string SweepId => this.GetPrimaryKeyString();

    /// <summary>Reads the trial records the persisted state counts (once, on activation).</summary>
    private async Task LoadTrialsAsync()
    {
        _saved = state.State;
        if (state.State.Definition is not { } definition || state.State.TrialCount == 0)
        {
            return;
        }

        var read = await trialRecords.ReadAsync(SweepId, state.State.TrialCount);
        var expansion = definition.Search is null ? TrialExpansion.Expand(definition) : [];
        var trials = ImmutableArray.CreateBuilder<TrialStatus>(read.Count);
        for (var position = 0; position < read.Count; position++)
        {
            var record = read[position];
            if (record.RecordExists && record.State is { } held)
            {
                trials.Add(held.Status);
                if (!held.Objectives.IsEmpty)
                {
                    _objectives[held.Status.Spec.Id] = held.Objectives;
                }
            }
            else if (position < expansion.Count)
            {
                // Only a submission cut short between its record writes leaves a gap: the trial had not started.
                trials.Add(new TrialStatus { Spec = expansion[position], State = TrialState.Pending });
                _dirty.Add(position);
            }
            else
            {
                throw new InvalidOperationException($"sweep {SweepId}: the record of trial {position + 1} of {read.Count} is missing from grain storage");
            }

            _records.Add(record);
        }

        _trials = trials.MoveToImmutable();
    }

    /// <summary>Replaces one trial's status (persisted by the next <see cref="SaveAsync"/>).</summary>
    private void SetTrial(int index, TrialStatus status)
    {
        if (_trials[index] != status)
        {
            _trials = _trials.SetItem(index, status);
            _dirty.Add(index);
        }
    }

    /// <summary>Appends a trial (a search's proposal).</summary>
    private void AddTrial(TrialStatus status)
    {
        _trials = _trials.Add(status);
        _records.Add(new GrainState<SweepTrialRecord>());
        _dirty.Add(_trials.Length - 1);
        state.State = state.State with { TrialCount = _trials.Length };
    }

    /// <summary>Puts a (re)submission's trials in place; every position is rewritten.</summary>
    private void ReplaceTrials(ImmutableArray<TrialStatus> trials)
    {
        _trials = trials;
        while (_records.Count < trials.Length)
        {
            _records.Add(new GrainState<SweepTrialRecord>());
        }

        for (var i = 0; i < trials.Length; i++)
        {
            _dirty.Add(i);
        }

        var kept = trials.Select(t => t.Spec.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in _objectives.Keys.Where(id => !kept.Contains(id)).ToList())
        {
            _objectives.Remove(dropped);
        }
    }

    /// <summary>Keeps a search trial's objective at an epoch (an epoch replayed after a restart replaces its value).</summary>
    private void SetObjective(int index, TrialObjective objective)
    {
        var held = _objectives.GetValueOrDefault(objective.TrialId, []);
        _objectives[objective.TrialId] = [.. held.Where(o => o.Epoch != objective.Epoch), objective];
        _dirty.Add(index);
    }

    /// <summary>Drops every objective (a resubmitted sweep without a search).</summary>
    private void ClearObjectives() => _objectives.Clear();

    /// <summary>
    /// Writes the dirty trial records, then the sweep state if it changed (records first: the state's
    /// <see cref="SweepCoordinatorState.TrialCount"/> never counts a record that is not there). Positions a
    /// smaller resubmission no longer uses are deleted last.
    /// </summary>
    private async Task SaveAsync()
    {
        var dirty = _dirty.ToList();
        _dirty.Clear();
        try
        {
            await Task.WhenAll(dirty.Select(i =>
            {
                var status = _trials[i];
                _records[i].State = new SweepTrialRecord { Status = status, Objectives = _objectives.GetValueOrDefault(status.Spec.Id, []) };
                return trialRecords.WriteAsync(SweepId, i, _records[i]);
            }));
        }
        catch
        {
            _dirty.UnionWith(dirty);
            throw;
        }

        var previousCount = _saved?.TrialCount ?? 0;
        if (state.State != _saved)
        {
            await state.WriteDurablyAsync(logger);
            _saved = state.State;
        }

        if (previousCount > _trials.Length)
        {
            await trialRecords.DeleteAsync(SweepId, _trials.Length, previousCount);
            _records.RemoveRange(_trials.Length, _records.Count - _trials.Length);
        }
    }
}
