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
/// silo died) resumes from the last checkpoint.
/// </summary>
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
    private Task? _loop;
    private CancellationTokenSource? _stop;
    private string? _cancelReason;
    private bool _deactivating;

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

        if (previous is not null && previous.State != TrialState.Cancelled && previous.State != TrialState.Pending)
        {
            return;
        }

        var resume = previous is { State: TrialState.Cancelled } && state.State.CheckpointEpoch > 0;
        var status = resume
            ? previous! with { State = TrialState.Running, Reason = string.Empty, Silo = RuntimeIdentity }
            : new TrialStatus { Spec = spec, State = TrialState.Running, Silo = RuntimeIdentity };
        state.State = new TrainingRunState { Spec = spec, Status = status, CheckpointEpoch = resume ? state.State.CheckpointEpoch : 0 };
        await state.WriteStateAsync();
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

    private void StartLoop(bool resume, bool countRestart)
    {
        _stop = new CancellationTokenSource();
        _cancelReason = null;
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

            slot = await slots.AcquireAsync(cancellationToken);
            metrics.ActiveTrials(1);
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
            if (slot is { } held)
            {
                slots.Release(held);
                metrics.ActiveTrials(-1);
            }
        }
    }

    /// <summary>Counts a restart after a silo died; false when the trial has used up its restarts (and is now failed).</summary>
    private async Task<bool> CountRestartAsync(TrialSpec spec)
    {
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
        };
        return new TrialEngine(plan, new GrainTrialMonitor(GrainFactory.GetGrain<ITopologyGrain>(spec.GrainKey), spec))
        {
            EpochCompleted = OnEpochAsync,
            EpochScope = epoch =>
            {
                var span = OrchestratorMetrics.ActivitySource.StartActivity("epoch");
                span?.SetTag("epoch", epoch);
                return span;
            },
        };
    }

    /// <summary>
    /// Persists and reports one finished epoch: the one point where a trial's per-epoch record
    /// (<see cref="TrialEpoch.Record"/>, as the topology grain recorded it) leaves the run grain.
    /// </summary>
    private async Task OnEpochAsync(TrialEpoch epoch)
    {
        var record = epoch.Record;
        var status = Status with
        {
            EpochsRun = record.Epoch,
            LastLoss = record.Losses.Training,
            LastDistance = record.Signals.Distance ?? Status.LastDistance,
            Seconds = Status.Seconds + epoch.Seconds,
        };
        state.State = state.State with { Status = status, CheckpointEpoch = epoch.CheckpointSaved ? record.Epoch : state.State.CheckpointEpoch };
        await state.WriteStateAsync(CancellationToken.None);
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
                await FinishAsync(Status, TrialState.Cancelled, _cancelReason ?? "cancelled");
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
        await state.WriteStateAsync(CancellationToken.None);
        Report(status);
        return status;
    }

    private async Task FinishAsync(TrialStatus status, TrialState final, string reason)
    {
        var ended = status with { State = final, Reason = GrainArguments.Bounded(reason), StopEpoch = status.StopEpoch ?? status.EpochsRun };
        await UpdateAsync(ended);
        metrics.TrialEnded(final);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string trialId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} ended {State}: {Reason}")]
    private static partial void LogEnded(ILogger logger, string trialId, TrialState state, string reason);
}
