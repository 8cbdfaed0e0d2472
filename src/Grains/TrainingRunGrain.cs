using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

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
        var status = Status;
        try
        {
            if (countRestart)
            {
                var restarts = status.Restarts + 1;
                if (restarts > spec.MaxRestarts)
                {
                    await FinishAsync(status with { Restarts = restarts }, TrialState.Failed, $"its silo died {restarts} times (maxRestarts {spec.MaxRestarts})");
                    return;
                }

                status = await UpdateAsync(status with { Restarts = restarts, Silo = RuntimeIdentity, LastRestartAt = DateTime.UtcNow });
            }

            slot = await slots.AcquireAsync(cancellationToken);
            metrics.ActiveTrials(1);
            var settings = spec.ToTrainingSettings(options.Value.DataDirectory) with { CudaDeviceIndex = slot.Value.Gpu };
            var checkpoint = store.RunCheckpoint(spec);
            session = await Task.Run(
                () => resume && File.Exists(checkpoint) ? TrainingSession.Resume(checkpoint, settings) : TrainingSession.Create(settings),
                cancellationToken);
            LogTraining(logger, spec.Id, session.DeviceName);
            if (session.CudaUnavailableReason is { } cpuReason)
            {
                LogCpuFallback(logger, spec.Id, cpuReason);
            }

            if (session.CompletedEpochs > 0)
            {
                LogResumed(logger, spec.Id, session.CompletedEpochs);
                status = await UpdateAsync(status with { EpochsRun = session.CompletedEpochs, ResumedFromEpoch = session.CompletedEpochs });
            }

            var topology = GrainFactory.GetGrain<ITopologyGrain>(spec.GrainKey);
            var final = (State: TrialState.Completed, Reason: $"reached max epochs ({spec.MaxEpochs})");
            var stoppedBeforeRestart = false;
            if (session.CompletedEpochs > 0)
            {
                // The silo may have died between the criterion's stop (checkpointed) and the end of the trial.
                var last = (await topology.GetSeries()).LastOrDefault(r => r.Epoch == session.CompletedEpochs);
                if (last is { Decision.Length: > 0 })
                {
                    final = (session.CompletedEpochs >= spec.MaxEpochs ? TrialState.Completed : TrialState.Stopped, last.Decision);
                    stoppedBeforeRestart = true;
                }
            }

            // Weights cross to the topology grain only for criteria that read them (NP).
            var sendsWeights = criteria.SignalsOf(spec.Stopping).HasFlag(CriterionSignals.NeuralPersistence);
            while (!stoppedBeforeRestart && session.CompletedEpochs < spec.MaxEpochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                using var epochActivity = OrchestratorMetrics.ActivitySource.StartActivity("epoch");
                var current = session;
                var snapshot = await Task.Run(() => current.RunEpoch(cancellationToken), cancellationToken);
                epochActivity?.SetTag("epoch", snapshot.Epoch);
                if (!double.IsFinite(snapshot.TrainingLoss))
                {
                    var loss = snapshot.TrainingLoss.ToString(CultureInfo.InvariantCulture);
                    await FinishAsync(status with { EpochsRun = snapshot.Epoch, LastLoss = snapshot.TrainingLoss, StopEpoch = snapshot.Epoch }, TrialState.Diverged, $"training loss became {loss} at epoch {snapshot.Epoch}");
                    return;
                }

                var message = snapshot.ToMessage(sendsWeights ? current.NeuralPersistenceWeights() : null);
                if (spec.RecordTestAccuracy)
                {
                    // Monitoring only: the topology grain stores it in the epoch record; criteria never see it.
                    var testWatch = Stopwatch.StartNew();
                    var epochTest = await Task.Run(current.EvaluateTest, cancellationToken);
                    message = message with { TestAccuracy = epochTest.Accuracy, TestLoss = epochTest.Loss, TestSeconds = testWatch.Elapsed.TotalSeconds };
                }

                var decision = await ObserveWithRetryAsync(topology, spec, message);
                var checkpointEpoch = state.State.CheckpointEpoch;
                if (snapshot.Epoch % spec.CheckpointEvery == 0 || decision.ShouldStop)
                {
                    await Task.Run(() => current.SaveCheckpoint(checkpoint), CancellationToken.None);
                    checkpointEpoch = snapshot.Epoch;
                }

                status = status with
                {
                    EpochsRun = snapshot.Epoch,
                    LastLoss = snapshot.TrainingLoss,
                    LastDistance = decision.Record.Distance ?? status.LastDistance,
                    Seconds = status.Seconds + watch.Elapsed.TotalSeconds,
                };
                state.State = state.State with { Status = status, CheckpointEpoch = checkpointEpoch };
                await state.WriteStateAsync(CancellationToken.None);
                Report(status);
                if (decision.ShouldStop)
                {
                    // A criterion's own epoch limit at the sweep's maxEpochs is completion, not an early stop.
                    final = (snapshot.Epoch >= spec.MaxEpochs ? TrialState.Completed : TrialState.Stopped, decision.Reason);
                    break;
                }
            }

            var finished = session;
            var test = await Task.Run(finished.EvaluateTest, CancellationToken.None);
            await FinishAsync(status with { StopEpoch = status.EpochsRun, TestAccuracy = test.Accuracy, TestLoss = test.Loss }, final.State, final.Reason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (!_deactivating)
            {
                await FinishAsync(Status, TrialState.Cancelled, _cancelReason ?? "cancelled");
            }
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

    /// <summary>
    /// Sends the snapshot to the topology grain, retrying while a dead silo is being declared dead (the
    /// topology grain then reactivates elsewhere from its persisted series).
    /// </summary>
    private static async Task<TopologyDecision> ObserveWithRetryAsync(ITopologyGrain topology, TrialSpec spec, EpochSnapshotMessage message)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await topology.Observe(spec, message);
            }
            catch (Exception ex) when (attempt < 5 && ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), CancellationToken.None);
            }
        }
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
        var ended = status with { State = final, Reason = reason, StopEpoch = status.StopEpoch ?? status.EpochsRun };
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
