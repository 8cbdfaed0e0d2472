using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;
using Orchestrator.Training;
using Orchestrator.Trials;

namespace Orchestrator.Grains;

/// <summary>
/// One trial's training run. The epoch loop is a task on the activation that awaits each epoch on the
/// thread pool (<see cref="Task.Run(Action)"/>), so the grain answers status queries and Cancel while
/// an epoch trains. State is persisted after every epoch; a fresh activation of a running trial (its
/// silo died) resumes from the last checkpoint. Placed on a silo with a free slot (<see cref="FreeSlotPlacement"/>).
/// </summary>
[FreeSlotPlacement]
public sealed partial class TrainingRunGrain(
    [PersistentState("run", OrchestratorStorage.Name)] IPersistentState<TrainingRunState> state,
    CheckpointStore store,
    SiloSlots slots,
    IStoppingCriterionFactory criteria,
    IOptions<OrchestratorOptions> options,
    OrchestratorMetrics metrics,
    ILogger<TrainingRunGrain> logger) : Grain, ITrainingRunGrain
{
    private const int MaxReasonLength = 500;

    /// <summary>
    /// How long a prune waits for the run to end (the epoch in progress stops at its next batch; then one test pass):
    /// under Orleans' default 30 s response timeout, so the coordinator gets an answer rather than a timeout.
    /// </summary>
    private static readonly TimeSpan PruneWait = TimeSpan.FromSeconds(20);

    private readonly EpochSpans _epochSpans = new();
    private Task? _loop;
    private CancellationTokenSource? _stop;
    private string? _cancelReason;
    private bool _pruned;
    private bool _deactivating;

    // The held slot until the trial's first epoch has been reported to it (memory admission measures that epoch).
    private SiloSlot? _firstEpochSlot;

    private TrialStatus Status => state.State.Status ?? throw new InvalidOperationException("trial not started");

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Spec: not null, Status.State: TrialState.Running })
        {
            // The previous activation died with its silo: resume from the checkpoint on this one.
            StartLoop(resume: true, countRestart: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_loop is { IsCompleted: false } loop)
        {
            // Stops within the current epoch; the trial stays Running in storage and resumes elsewhere.
            await (_stop?.CancelAsync() ?? Task.CompletedTask);
            await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
        }
    }

    /// <inheritdoc />
    public async Task Start(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);

        // Any client reaching a gateway can call this: check the spec as the sweep file is checked before it names a folder.
        SweepDefinitionCheck.Require(spec);
        store.Verify(spec);
        if (_loop is { IsCompleted: false })
        {
            return;
        }

        var previous = state.State.Status;
        if (previous is { State: TrialState.Running })
        {
            StartLoop(resume: true, countRestart: false);
            return;
        }

        // Cancelled and failed trials run again when the coordinator starts them again (resume); a failed one gets a
        // fresh restart count, since its failure may have been the silos' or the storage's, not its own.
        if (previous is not null && previous.State is not (TrialState.Cancelled or TrialState.Failed or TrialState.Pending))
        {
            return;
        }

        var resume = previous is { State: TrialState.Cancelled or TrialState.Failed } && state.State.CheckpointEpoch > 0;
        var status = resume
            ? previous! with { State = TrialState.Running, Reason = string.Empty, Silo = RuntimeIdentity, Restarts = previous.State == TrialState.Failed ? 0 : previous.Restarts }
            : new TrialStatus { Spec = spec, State = TrialState.Running, Silo = RuntimeIdentity };
        state.State = new TrainingRunState { Spec = spec, Status = status, CheckpointEpoch = resume ? state.State.CheckpointEpoch : 0 };
        await state.WriteDurablyAsync(logger);
        StartLoop(resume, countRestart: false);
    }

    /// <inheritdoc />
    public Task<TrialStatus> EnsureRunning()
    {
        if (state.State is { Spec: not null, Status.State: TrialState.Running } && _loop is null)
        {
            StartLoop(resume: true, countRestart: true);
        }

        return GetStatus();
    }

    /// <inheritdoc />
    public Task<TrialStatus> GetStatus() => Task.FromResult(
        state.State.Status ?? new TrialStatus
        {
            Spec = new TrialSpec { Id = this.GetPrimaryKeyString(), SweepId = string.Empty, Dataset = string.Empty, Model = string.Empty, Stopping = new StoppingMethod { Name = "none" } },
            State = TrialState.Pending,
        });

    /// <inheritdoc />
    public async Task Cancel(string reason)
    {
        // The reason is stored with the trial and shown in results: any caller's text, so it is bounded.
        if (reason is { Length: > MaxReasonLength })
        {
            throw new ArgumentException($"reason: {reason.Length} characters; give at most {MaxReasonLength}", nameof(reason));
        }

        _cancelReason = string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason;
        if (_loop is { IsCompleted: false })
        {
            await (_stop?.CancelAsync() ?? Task.CompletedTask);
            return;
        }

        if (state.State.Status is { } status && !status.State.IsFinal())
        {
            await FinishAsync(status, TrialState.Cancelled, _cancelReason);
        }
    }

    /// <inheritdoc />
    public async Task<TrialStatus> Prune(string reason)
    {
        _pruned = true;
        await Cancel(reason);
        if (_loop is { IsCompleted: false } loop)
        {
            // The coordinator waits on this call: bounded, so a run stuck elsewhere cannot hold its sweep (its end is still reported later).
            await Task.WhenAny(loop, Task.Delay(PruneWait, CancellationToken.None));
        }

        return await GetStatus();
    }

    /// <inheritdoc />
    public async Task Forget()
    {
        if (_loop is { IsCompleted: false })
        {
            throw new SweepRejectedException($"trial {this.GetPrimaryKeyString()} is still training: cancel its sweep and wait for it to stop before deleting it");
        }

        state.State = new TrainingRunState();
        if (state.RecordExists)
        {
            await state.ClearDurablyAsync(logger);
        }

        DeactivateOnIdle();
    }

    private void StartLoop(bool resume, bool countRestart)
    {
        _stop = new CancellationTokenSource();
        _cancelReason = null;
        _pruned = false;
        _loop = RunLoopAsync(resume, countRestart, _stop.Token);
    }

    private async Task RunLoopAsync(bool resume, bool countRestart, CancellationToken cancellationToken)
    {
        var spec = state.State.Spec!;
        using var activity = OrchestratorMetrics.ActivitySource.StartActivity("trial");
        activity?.SetTag("trial.id", spec.Id);
        activity?.SetTag("sweep.id", spec.SweepId);
        TrainingSession? session = null;
        SiloSlot? slot = null;
        try
        {
            if (countRestart && !await CountRestartAsync(spec))
            {
                return;
            }

            slot = await slots.AcquireAsync(SiloSlotRequest.For(spec), cancellationToken);
            _firstEpochSlot = slot;
            metrics.ActiveTrials(1);

            // From here a death of this silo interrupts training: the next activation counts it as a restart.
            state.State = state.State with { HeldSlot = true };
            await state.WriteStateAsync(CancellationToken.None);
            session = await OpenSessionAsync(spec, resume, slot.Value, cancellationToken);
            await RecordLoadedAsync(spec, session);
            var outcome = await EngineFor(spec).RunAsync(session, cancellationToken);
            await EndAsync(outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await EndAsync(null);
        }
        catch (Exception ex) when (!_deactivating)
        {
            LogFailed(logger, ex, spec.Id);
            await FinishAsync(Status, TrialState.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            session?.Dispose();
            _firstEpochSlot = null;
            if (slot is { } held)
            {
                slots.Release(held);
                metrics.ActiveTrials(-1);
            }
        }
    }

    /// <summary>
    /// Counts a restart after a silo died; false when the trial has used up its restarts (and is now failed). A trial
    /// that was only waiting for a slot there lost no training: it moves here without counting.
    /// </summary>
    private async Task<bool> CountRestartAsync(TrialSpec spec)
    {
        if (!state.State.HeldSlot)
        {
            await UpdateAsync(Status with { Silo = RuntimeIdentity });
            return true;
        }

        state.State = state.State with { HeldSlot = false };
        var restarts = Status.Restarts + 1;
        if (restarts > spec.MaxRestarts)
        {
            await FinishAsync(Status with { Restarts = restarts }, TrialState.Failed, $"its silo died {restarts} times (maxRestarts {spec.MaxRestarts})");
            return false;
        }

        await UpdateAsync(Status with { Restarts = restarts, Silo = RuntimeIdentity, LastRestartAt = DateTime.UtcNow });
        return true;
    }

    /// <summary>Loads the data and the model on the slot's device, from the trial's checkpoint when resuming.</summary>
    private Task<TrainingSession> OpenSessionAsync(TrialSpec spec, bool resume, SiloSlot slot, CancellationToken cancellationToken)
    {
        var settings = spec.ToTrainingSettings(options.Value.DataDirectory) with { CudaDeviceIndex = slot.Gpu, TrustedModelDirectories = options.Value.ModelDirectories };
        var checkpoint = store.RunCheckpoint(spec);
        return Task.Run(
            () => resume && File.Exists(checkpoint) ? TrainingSession.Resume(checkpoint, settings) : TrainingSession.Create(settings),
            cancellationToken);
    }

    /// <summary>Records what was loaded: the device, the sample counts and where a resumed run continues.</summary>
    private async Task RecordLoadedAsync(TrialSpec spec, TrainingSession session)
    {
        LogTraining(logger, spec.Id, session.DeviceName);
        if (session.CudaUnavailableReason is { } cpuReason)
        {
            LogCpuFallback(logger, spec.Id, cpuReason);
        }

        var status = Status with { TrainingSamples = session.TrainingSamples, HoldOutSamples = session.ValidationSamples };
        if (session.CompletedEpochs > 0)
        {
            LogResumed(logger, spec.Id, session.CompletedEpochs);
            status = status with { EpochsRun = session.CompletedEpochs, ResumedFromEpoch = session.CompletedEpochs };
        }

        await UpdateAsync(status);
    }

    private TrialEngine EngineFor(TrialSpec spec)
    {
        var plan = new TrialPlan(spec.MaxEpochs, criteria.SignalsOf(spec.Stopping))
        {
            CheckpointPath = store.RunCheckpoint(spec),
            CheckpointEvery = spec.CheckpointEvery,
            RecordTestAccuracy = spec.RecordTestAccuracy,
            RecordTopology = spec.RecordTopology,

            // A prune's model is a result (a test accuracy for trials.csv and the reports); a user's cancel or a move is not.
            TestAfterPrune = () => _pruned && !_deactivating,
        };
        return new TrialEngine(plan, new GrainTrialMonitor(GrainFactory.GetGrain<ITopologyGrain>(spec.GrainKey), spec))
        {
            EpochCompleted = OnEpochAsync,
            EpochScope = epoch =>
            {
                var span = OrchestratorMetrics.ActivitySource.StartActivity("epoch");
                span?.SetTag("epoch", epoch);
                _epochSpans.Remember(epoch, span);
                return span;
            },
            CheckpointScope = epoch => _epochSpans.StartChild("checkpoint", spec, epoch),
        };
    }

    /// <summary>
    /// Persists and reports one finished epoch: the one point where a trial's per-epoch record
    /// (<see cref="TrialEpoch.Record"/>, as the topology grain recorded it) leaves the run grain.
    /// </summary>
    private async Task OnEpochAsync(TrialEpoch epoch)
    {
        var record = epoch.Record;
        if (_firstEpochSlot is { } firstEpoch)
        {
            _firstEpochSlot = null;
            if (slots.FirstEpochDone(firstEpoch) is { } peak)
            {
                LogMeasuredPeak(logger, Status.Spec.Id, firstEpoch.Gpu ?? -1, peak / (1024 * 1024));
            }
        }

        var status = Status with
        {
            EpochsRun = record.Epoch,
            LastLoss = record.Losses.Training,
            LastDistance = record.Signals.Distance ?? Status.LastDistance,
            Seconds = Status.Seconds + epoch.Seconds,
        };
        state.State = state.State with { Status = status, CheckpointEpoch = epoch.CheckpointSaved ? record.Epoch : state.State.CheckpointEpoch };
        await state.WriteDurablyAsync(logger);
        if (status.Spec.SweepId.Length > 0)
        {
            // The status merge and the epoch push travel as one message, so watchers see both together.
            _ = GrainFactory.GetGrain<ISweepCoordinatorGrain>(status.Spec.SweepId).ReportEpoch(status, record);
        }
    }

    /// <summary>Ends the trial as the engine's outcome says (null: cancelled before training began).</summary>
    private async Task EndAsync(TrialOutcome? outcome)
    {
        if (outcome is null or { End: TrialEnd.Cancelled })
        {
            // Deactivation also cancels: the trial then stays Running in storage and resumes on another silo.
            if (!_deactivating)
            {
                var test = outcome?.Test;
                await FinishAsync(test is null ? Status : Status with { TestAccuracy = test.Accuracy, TestLoss = test.Loss }, TrialState.Cancelled, _cancelReason ?? "cancelled");
            }

            return;
        }

        if (outcome.End == TrialEnd.Diverged)
        {
            var diverged = outcome.Records[^1];
            await FinishAsync(
                Status with { EpochsRun = diverged.Epoch, LastLoss = diverged.Losses.Training, StopEpoch = diverged.Epoch }, TrialState.Diverged, outcome.Reason);
            return;
        }

        var final = outcome.End == TrialEnd.Stopped ? TrialState.Stopped : TrialState.Completed;
        await FinishAsync(Status with { StopEpoch = Status.EpochsRun, TestAccuracy = outcome.Test?.Accuracy, TestLoss = outcome.Test?.Loss }, final, outcome.Reason);
    }

    private async Task<TrialStatus> UpdateAsync(TrialStatus status)
    {
        state.State = state.State with { Status = status };
        await state.WriteDurablyAsync(logger);
        Report(status);
        return status;
    }

    private async Task FinishAsync(TrialStatus status, TrialState final, string reason)
    {
        var ended = status with { State = final, Reason = GrainArguments.Bounded(reason), StopEpoch = status.StopEpoch ?? status.EpochsRun };
        await UpdateAsync(ended);
        metrics.TrialEnded(ended.Spec, final);
        LogEnded(logger, ended.Spec.Id, final, reason);
    }

    private void Report(TrialStatus status)
    {
        if (status.Spec.SweepId.Length > 0)
        {
            _ = GrainFactory.GetGrain<ISweepCoordinatorGrain>(status.Spec.SweepId).ReportTrial(status);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} resumed from its checkpoint after epoch {Epoch}")]
    private static partial void LogResumed(ILogger logger, string trialId, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} trains on {Device}")]
    private static partial void LogTraining(ILogger logger, string trialId, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} asked for device auto and runs on the CPU: {Reason}")]
    private static partial void LogCpuFallback(ILogger logger, string trialId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} took {PeakMiB} MiB of GPU {Gpu} in its first epoch (memory admission's measurement)")]
    private static partial void LogMeasuredPeak(ILogger logger, string trialId, int gpu, long peakMiB);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string trialId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} ended {State}: {Reason}")]
    private static partial void LogEnded(ILogger logger, string trialId, TrialState state, string reason);
}
