using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using Orleans.Utilities;

namespace Orchestrator.Grains;

/// <summary>
/// One sweep: expands, schedules under the concurrency limit, tracks trial states from the run grains'
/// one-way reports, and runs a watchdog timer that calls <see cref="ITrainingRunGrain.EnsureRunning"/>
/// on running trials (which reactivates and resumes the trials of a dead silo). A reminder re-activates
/// the coordinator itself after its silo died. Watchers that subscribed get each trial change and epoch pushed;
/// subscriptions live in memory only (watchers renew them and poll after a move or expiry).
/// </summary>
public sealed partial class SweepCoordinatorGrain(
    [PersistentState("sweep", OrchestratorStorage.Name)] IPersistentState<SweepCoordinatorState> state,
    IOptions<OrchestratorOptions> options,
    OrchestratorMetrics metrics,
    CheckpointStore checkpoints,
    SweepTrialRecords trialRecords,
    ILogger<SweepCoordinatorGrain> logger) : Grain, ISweepCoordinatorGrain, IRemindable
{
    private const string ReminderName = "watchdog";
    private SearchStudy? _study;
    private readonly ObserverManager<ISweepObserver> _observers = new(SweepObserverLifetime.Subscription, logger);
    private IGrainTimer? _watchdog;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadTrialsAsync();
        if (state.State.State == SweepState.Running)
        {
            StartWatchdog();
        }
    }

    /// <inheritdoc />
    public Task<SweepStatus> Submit(SweepDefinition definition) => SubmitAsync(definition, replace: false);

    /// <inheritdoc />
    public Task<SweepStatus> Replace(SweepDefinition definition) => SubmitAsync(definition, replace: true);

    private async Task<SweepStatus> SubmitAsync(SweepDefinition definition, bool replace)
    {
        ArgumentNullException.ThrowIfNull(definition);

        // Any client reaching a gateway can call this: the same rules as the CLI's sweep-file check, and an id fit for a folder name.
        SafeId.Require(this.GetPrimaryKeyString(), "sweep id");
        SweepDefinitionCheck.Require(definition);

        // Two names can make one id ("Collide!" and "collide"): a different sweep never silently takes an id's place.
        if (!replace && state.State.Definition is { } held && !SweepDefinitionIdentity.Same(held, definition))
        {
            throw new SweepRejectedException(
                $"sweep id '{this.GetPrimaryKeyString()}' already holds a different sweep (named '{held.Name}', {Trials.Length} trials); "
                + "pass --replace to put this one in its place (trials in both keep their results, the others are dropped), or give this sweep another name.");
        }

        using var activity = OrchestratorMetrics.ActivitySource.StartActivity("sweep submit");
        activity?.SetTag("sweep.id", this.GetPrimaryKeyString());
        var expanded = definition.Search is null ? TrialExpansion.Expand(definition) : KeptSearchTrials(definition);
        SweepPreflight.Check(definition.Search is null ? expanded : FirstProposal(definition, expanded), options.Value);
        var known = Trials.ToDictionary(t => t.Spec.Id, StringComparer.Ordinal);
        var trials = ImmutableArray.CreateBuilder<TrialStatus>();
        var added = 0;
        foreach (var spec in expanded)
        {
            if (known.TryGetValue(spec.Id, out var existing))
            {
                // Finished trials keep their results; cancelled ones run again.
                trials.Add(existing.State == TrialState.Cancelled ? existing with { State = TrialState.Pending, Reason = string.Empty } : existing);
            }
            else
            {
                trials.Add(new TrialStatus { Spec = spec, State = TrialState.Pending });
                added++;
            }
        }

        metrics.PendingTrials(added);
        ReplaceTrials(trials.ToImmutable());
        if (definition.Search is null)
        {
            ClearObjectives();
        }

        state.State = new SweepCoordinatorState
        {
            Definition = definition,
            State = SweepState.Running,
            SubmittedAt = state.State.SubmittedAt == default ? DateTime.UtcNow : state.State.SubmittedAt,
            TrialCount = Trials.Length,
        };
        _study = null;
        await SaveAsync();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).Register(this.GetPrimaryKeyString());
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartWatchdog();
        await ScheduleAsync();
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<SweepStatus> GetStatus() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<SweepStatus> Cancel()
    {
        if (state.State.Definition is null)
        {
            return Snapshot();
        }

        var running = new List<TrialSpec>();
        var changed = new List<int>();
        for (var i = 0; i < Trials.Length; i++)
        {
            if (Trials[i].State == TrialState.Pending)
            {
                SetTrial(i, Trials[i] with { State = TrialState.Cancelled, Reason = "cancelled before it started" });
                metrics.PendingTrials(-1);
                changed.Add(i);
            }
            else if (Trials[i].State == TrialState.Running)
            {
                running.Add(Trials[i].Spec);
            }
        }

        state.State = state.State with { State = SweepState.Cancelled };
        await SaveAsync();
        foreach (var i in changed)
        {
            NotifyChanged(i);
        }

        await Task.WhenAll(running.Select(s => GrainFactory.GetGrain<ITrainingRunGrain>(s.GrainKey).Cancel("cancelled by the user")));
        await CheckFinishedAsync();
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<SweepStatus> Resume()
    {
        if (state.State.Definition is null)
        {
            return Snapshot();
        }

        for (var i = 0; i < Trials.Length; i++)
        {
            if (Rerunnable(Trials[i]))
            {
                SetTrial(i, Trials[i] with { State = TrialState.Pending, Reason = string.Empty });
            }
        }

        metrics.PendingTrials(Trials.Count(t => t.State == TrialState.Pending));
        state.State = state.State with { State = SweepState.Running, FinishedAt = null };
        await SaveAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartWatchdog();
        await ScheduleAsync();
        return Snapshot();
    }

    /// <summary>
    /// The trials `resume` runs again: cancelled ones, and failed ones. A failure may be the infrastructure's (a
    /// storage outage longer than the writes' retry budget, a silo that died more than maxRestarts times); a trial
    /// that fails for reasons of its own fails again, at the cost of one more attempt. Diverged trials stay as they are.
    /// </summary>
    private static bool Rerunnable(TrialStatus trial) => trial.State is TrialState.Cancelled or TrialState.Failed;

    /// <inheritdoc />
    public Task ReportTrial(TrialStatus status) => MergeReportAsync(status, record: null);

    /// <inheritdoc />
    public Task ReportEpoch(TrialStatus status, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return MergeReportAsync(status, record);
    }

    /// <inheritdoc />
    public Task Subscribe(ISweepObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);

        // Any client may call this with fresh object references: past the cap a new observer is refused (renewals
        // of one already held always pass), after dropping the expired ones so a vanished watcher frees its place.
        if (!_observers.Observers.ContainsKey(observer))
        {
            _observers.ClearExpired();
            if (_observers.Count >= SweepObserverLimit.MaxLive)
            {
                throw new SweepRejectedException(
                    $"sweep '{this.GetPrimaryKeyString()}' already has {_observers.Count} live observers, the most one sweep holds "
                    + $"({nameof(SweepObserverLimit)}.{nameof(SweepObserverLimit.MaxLive)} = {SweepObserverLimit.MaxLive}); "
                    + "unsubscribe a watcher you no longer need, or poll GetStatus instead.");
            }
        }

        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Unsubscribe(ISweepObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task MergeReportAsync(TrialStatus status, EpochRecord? record)
    {
        // Runs call this one-way, but so can any client: a malformed report changes nothing, an unknown trial is
        // ignored (a run of a dropped trial may still report), and the spec stays the one this coordinator holds.
        GrainArguments.RequireReport(status, record);
        var index = IndexOf(status.Spec.Id);
        if (index < 0)
        {
            return;
        }

        var held = Trials[index];
        GrainArguments.RequireEpochOf(held.Spec, record);
        var merged = TrialScheduler.Merge(held, status with { Spec = held.Spec });
        SetTrial(index, merged);
        if (record is not null)
        {
            Notify(o => o.OnEpoch(merged.Spec.Id, record));
            merged = await ObserveObjectiveAsync(index, merged, record);
        }

        if (merged.State.IsFinal() && !held.State.IsFinal())
        {
            if (merged.State is TrialState.Stopped or TrialState.Completed or TrialState.Diverged)
            {
                KeepFinalCheckpoint(merged.Spec);
            }

            await SaveAsync();
            await ScheduleAsync();
            await CheckFinishedAsync();
        }

        // After the sweep's own state is settled, so a watcher that sees the last trial end and asks for the
        // status finds the sweep finished.
        Notify(o => o.OnTrialChanged(merged));
    }

    /// <summary>A trial that ended for good needs no resume state; a full disk must not fail the sweep, so errors are logged.</summary>
    private void KeepFinalCheckpoint(TrialSpec spec)
    {
        try
        {
            checkpoints.KeepFinalCheckpointOnly(spec);
        }
        catch (IOException ex)
        {
            LogPruneFailed(logger, ex, spec.Id);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogPruneFailed(logger, ex, spec.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the intermediate checkpoints of finished trial {TrialId}")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception, string trialId);

    /// <summary>Pushes to every live subscription; a watcher that is gone is dropped, never waited on.</summary>
    private void Notify(Action<ISweepObserver> notification)
    {
        if (_observers.Count > 0)
        {
            _observers.Notify(notification);
        }
    }

    private void NotifyChanged(int index) => Notify(o => o.OnTrialChanged(Trials[index]));

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated is the point: OnActivateAsync restarted the watchdog.
        StartWatchdog();
        return Task.CompletedTask;
    }

    private void StartWatchdog()
    {
        _watchdog ??= this.RegisterGrainTimer(
            WatchdogTickAsync,
            new GrainTimerCreationOptions { DueTime = options.Value.WatchdogPeriod, Period = options.Value.WatchdogPeriod, KeepAlive = true });
    }

    private async Task WatchdogTickAsync(CancellationToken cancellationToken)
    {
        if (state.State.State is not (SweepState.Running or SweepState.Cancelled))
        {
            return;
        }

        var running = Trials.Where(t => t.State == TrialState.Running).Select(t => t.Spec).ToList();
        var statuses = await Task.WhenAll(running.Select(CheckTrialAsync));
        var changed = false;
        foreach (var status in statuses)
        {
            var index = status is null ? -1 : IndexOf(status.Spec.Id);
            if (index < 0 || status!.State == TrialState.Pending)
            {
                continue;
            }

            var held = Trials[index];
            var merged = TrialScheduler.Merge(held, status);
            changed |= merged.State != held.State;
            SetTrial(index, merged);
            if (merged != held)
            {
                NotifyChanged(index);
            }
        }

        if (changed)
        {
            await SaveAsync();
        }

        await ScheduleAsync();
        await CheckFinishedAsync();
    }

    /// <summary>
    /// One running trial's check: EnsureRunning reactivates (and resumes) a trial whose silo died; a run grain
    /// that never got its Start (the call failed) is started again. A call that fails now is retried next tick.
    /// </summary>
    private async Task<TrialStatus?> CheckTrialAsync(TrialSpec spec)
    {
        try
        {
            var run = GrainFactory.GetGrain<ITrainingRunGrain>(spec.GrainKey);
            var status = await run.EnsureRunning();
            if (status.State == TrialState.Pending)
            {
                await run.Start(spec);
            }

            return status;
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansException)
        {
            return null;
        }
    }

    private async Task ScheduleAsync()
    {
        if (state.State is not { State: SweepState.Running, Definition: { } definition })
        {
            return;
        }

        var toStart = TrialScheduler.NextToStart(Trials, definition.Concurrency);
        if (definition.Search is not null)
        {
            toStart = [.. toStart, .. ProposeTrials(definition.Concurrency - Trials.Count(t => t.State == TrialState.Running) - toStart.Count)];
        }

        if (toStart.Count == 0)
        {
            return;
        }

        foreach (var spec in toStart)
        {
            var index = IndexOf(spec.Id);
            SetTrial(index, Trials[index] with { State = TrialState.Running });
        }

        metrics.PendingTrials(-toStart.Count);
        await SaveAsync();
        foreach (var spec in toStart)
        {
            NotifyChanged(IndexOf(spec.Id));
        }

        await Task.WhenAll(toStart.Select(StartTrialAsync));
    }

    private async Task StartTrialAsync(TrialSpec spec)
    {
        try
        {
            await GrainFactory.GetGrain<ITrainingRunGrain>(spec.GrainKey).Start(spec);
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansException)
        {
            // The trial is marked running; the watchdog finds its run grain unstarted and starts it again.
        }
    }

    private async Task CheckFinishedAsync()
    {
        if (state.State.Definition is null || state.State.FinishedAt is not null || !Trials.All(t => t.State.IsFinal()))
        {
            return;
        }

        if (state.State.State == SweepState.Running && SearchContinues())
        {
            return;
        }

        state.State = state.State with
        {
            State = state.State.State == SweepState.Cancelled ? SweepState.Cancelled : SweepState.Finished,
            FinishedAt = DateTime.UtcNow,
        };
        await SaveAsync();
        _watchdog?.Dispose();
        _watchdog = null;
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private int IndexOf(string trialId)
    {
        var trials = Trials;
        for (var i = 0; i < trials.Length; i++)
        {
            if (trials[i].Spec.Id == trialId)
            {
                return i;
            }
        }

        return -1;
    }

    private SweepStatus Snapshot() => new()
    {
        SweepId = this.GetPrimaryKeyString(),
        State = state.State.Definition is null ? SweepState.Unknown : state.State.State,
        Definition = state.State.Definition,
        Trials = Trials,
        SubmittedAt = state.State.SubmittedAt,
        FinishedAt = state.State.FinishedAt,
    };
}
