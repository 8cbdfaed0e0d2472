using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

namespace Orchestrator.Trials;

/// <summary>
/// Runs one trial epoch by epoch over an open <see cref="TrainingSession"/>: train, probe and connectome
/// (the session), signals, record and decision (the <see cref="ITrialMonitor"/>), checkpoint, divergence,
/// cancellation and the test evaluation at the end. The sweep's run grain and the <c>train</c> verb both
/// drive it; they differ only in their monitor and in what they do with <see cref="EpochCompleted"/>.
/// </summary>
/// <remarks>
/// Epochs train on the thread pool; everything else (the monitor, the callbacks) continues on the
/// caller's context, so a grain's callbacks run on its activation. Hence no <c>ConfigureAwait(false)</c>.
/// With <see cref="MonitoringMode.Concurrent"/> an epoch's monitoring (connectome on the thread pool, then the
/// monitor, checkpoint and <see cref="EpochCompleted"/>) runs while the next epoch trains; the loop awaits it
/// after that epoch, so the monitor still sees epochs in order, one at a time, and the session is never used by two threads.
/// </remarks>
public sealed class TrialEngine(TrialPlan plan, ITrialMonitor monitor)
{
    /// <summary>After every epoch with its record (after the checkpoint); the one place a driver reports progress.</summary>
    public Func<TrialEpoch, Task>? EpochCompleted { get; init; }

    /// <summary>When a run resumes from a checkpoint, with the records replayed into the criterion.</summary>
    public Action<IReadOnlyList<EpochRecord>>? Resumed { get; init; }

    /// <summary>Wraps each epoch's training (given its number), e.g. in a tracing span.</summary>
    public Func<int, IDisposable?>? EpochScope { get; init; }

    /// <summary>Wraps each checkpoint save (given its epoch), e.g. in a tracing span under that epoch's.</summary>
    public Func<int, IDisposable?>? CheckpointScope { get; init; }

    /// <summary>Runs the trial to its end; the session may have been resumed from a checkpoint.</summary>
    /// <exception cref="OperationCanceledException">Never for <paramref name="cancellationToken"/>: that ends as <see cref="TrialEnd.Cancelled"/>.</exception>
    public async Task<TrialOutcome> RunAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var records = new List<EpochRecord>();
        var bestEpoch = 0;
        PendingEpoch? pending = null;

        // True when a cancel stopped an epoch part-way with no copy of the model before it (the model is then not the last record's).
        var interrupted = false;
        try
        {
            records.AddRange(await monitor.ResumeAsync(session.CompletedEpochs, cancellationToken));
            if (session.CompletedEpochs > 0)
            {
                Resumed?.Invoke([.. records]);
            }

            var end = StoppedBeforeRestart(records, session.CompletedEpochs);
            var speculative = 0;
            while (end is null && session.CompletedEpochs < plan.MaxEpochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                TrainedEpoch trained;
                using (EpochScope?.Invoke(session.CompletedEpochs + 1))
                {
                    try
                    {
                        trained = await Task.Run(() => TrainEpoch(session, cancellationToken), cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        interrupted = pending is null;
                        throw;
                    }
                }

                var snapshot = trained.Snapshot;
                var onPath = snapshot.Timings.Probe + snapshot.Timings.Connectome + snapshot.Timings.Validation + trained.Copying;
                if (pending is not null && cancellationToken.IsCancellationRequested)
                {
                    // Cancelled while this epoch trained (e.g. by the previous epoch's report): as synchronously, the run ends at the previous epoch.
                    snapshot.Activations?.Dispose();
                    trained.Copy?.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (pending is not null)
                {
                    // The previous epoch's decision, awaited after this epoch trained: the wait is on the path, counted here.
                    var waited = Stopwatch.StartNew();
                    var previous = await pending.Decision;
                    onPath += waited.Elapsed;
                    records.Add(previous.Record);
                    bestEpoch = previous.BestEpoch;
                    if (previous.ShouldStop)
                    {
                        // This epoch was speculative: the trial's result is the model at the stop.
                        snapshot.Activations?.Dispose();
                        trained.Copy?.Dispose();
                        var model = pending.Model;
                        await Task.Run(() => session.RestoreState(model), CancellationToken.None);
                        model.Dispose();
                        pending = null;
                        speculative++;
                        end = StopOf(previous);
                        break;
                    }

                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Cancelled by the previous epoch's report while this one trained: it ends there, as it would synchronously.
                        snapshot.Activations?.Dispose();
                        trained.Copy?.Dispose();
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    pending.Model.Dispose();
                    pending = null;
                }

                if (!double.IsFinite(snapshot.TrainingLoss))
                {
                    snapshot.Activations?.Dispose();
                    trained.Copy?.Dispose();
                    var diverged = DivergedRecord(snapshot);
                    records.Add(diverged);
                    var loss = diverged.Losses.Training.ToString(CultureInfo.InvariantCulture);
                    return new TrialOutcome(TrialEnd.Diverged, $"training loss became {loss} at epoch {diverged.Epoch}", diverged.Epoch, bestEpoch, records, null);
                }

                var message = await MessageAsync(session, trained, onPath, cancellationToken);
                if (trained.Copy is { } copy)
                {
                    pending = new PendingEpoch(snapshot.Epoch, ObserveAsync(session, snapshot.Activations, message, copy, watch), copy);
                    continue;
                }

                var decision = await ObserveAsync(session, null, message, null, watch);
                records.Add(decision.Record);
                bestEpoch = decision.BestEpoch;
                end = decision.ShouldStop ? StopOf(decision) : null;
            }

            if (pending is not null)
            {
                var last = await pending.Decision;
                pending.Model.Dispose();
                pending = null;
                records.Add(last.Record);
                bestEpoch = last.BestEpoch;
                end = last.ShouldStop ? StopOf(last) : end;
            }

            var (state, reason) = end ?? (TrialEnd.Completed, $"reached max epochs ({plan.MaxEpochs})");
            var test = await Task.Run(session.EvaluateTest, CancellationToken.None);
            return new TrialOutcome(state, reason, session.CompletedEpochs, bestEpoch, records, test) { SpeculativeEpochs = speculative };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (pending is not null)
            {
                // The epoch handed off before the cancel is still recorded, and the partial result is its model, not the half-trained next one.
                var handedOff = await pending.Decision;
                if (records.Count == 0 || records[^1].Epoch != handedOff.Record.Epoch)
                {
                    records.Add(handedOff.Record);
                }

                var model = pending.Model;
                await Task.Run(() => session.RestoreState(model), CancellationToken.None);
                model.Dispose();
                pending = null;
            }

            var stopEpoch = records.Count > 0 ? records[^1].Epoch : 0;
            var test = stopEpoch > 0 && (plan.TestAfterCancel || (plan.TestAfterPrune?.Invoke() == true && ModelIsAt(session, stopEpoch, interrupted)))
                ? await Task.Run(session.EvaluateTest, CancellationToken.None)
                : null;
            return new TrialOutcome(TrialEnd.Cancelled, "cancelled", stopEpoch, bestEpoch, records, test);
        }
        finally
        {
            if (pending is not null)
            {
                // Normally settled already; after a training error, let the monitoring finish so no callback outlives the run (the error propagates).
                await pending.Decision.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
                pending.Model.Dispose();
            }
        }
    }

    /// <summary>
    /// Whether the session's model is the one of <paramref name="epoch"/> (a pruned trial's result): yes unless the
    /// cancel interrupted the next epoch; then only once the checkpoint of that epoch is put back.
    /// </summary>
    private bool ModelIsAt(TrainingSession session, int epoch, bool interrupted)
    {
        if (!interrupted)
        {
            return true;
        }

        if (plan.CheckpointPath is not { } path || !File.Exists(path))
        {
            return false;
        }

        try
        {
            return session.RestoreCheckpoint(path) == epoch;
        }
        catch (Exception ex) when (ex is CheckpointException or IOException)
        {
            return false;
        }
    }

    private (TrialEnd, string) StopOf(TopologyDecision decision) =>
        (decision.Record.Epoch >= plan.MaxEpochs ? TrialEnd.Completed : TrialEnd.Stopped, decision.Reason);

    /// <summary>The silo or process may have died between the criterion's stop (checkpointed) and the end of the trial.</summary>
    private (TrialEnd, string)? StoppedBeforeRestart(List<EpochRecord> history, int completedEpochs) =>
        plan.EndsAtRecordedStop && completedEpochs > 0 && history.LastOrDefault(r => r.Epoch == completedEpochs) is { Decision.Length: > 0 } last
            ? (completedEpochs >= plan.MaxEpochs ? TrialEnd.Completed : TrialEnd.Stopped, last.Decision)
            : null;

    /// <summary>The epoch's wire message, with the test pass when recorded (it needs the model at this epoch, so it runs before the next).</summary>
    private async Task<EpochSnapshotMessage> MessageAsync(TrainingSession session, TrainedEpoch trained, TimeSpan onPath, CancellationToken cancellationToken)
    {
        var message = trained.Snapshot.ToMessage(trained.Weights) with { MonitoringOnPathSeconds = onPath.TotalSeconds, ObservedOnPath = trained.Copy is null };
        if (plan.RecordTestAccuracy)
        {
            // Not monitoring (no criterion sees it), so not counted on the path.
            var testWatch = Stopwatch.StartNew();
            var test = await Task.Run(session.EvaluateTest, cancellationToken);
            message = message with { TestAccuracy = test.Accuracy, TestLoss = test.Loss, TestSeconds = testWatch.Elapsed.TotalSeconds };
        }

        return message;
    }

    /// <summary>
    /// One epoch on the thread pool, with what must read the model before the next epoch changes it: NP's weights and
    /// (monitoring handed off) the kept copy of the model, in the same hop, so the loop pays no extra thread switch for them.
    /// </summary>
    private TrainedEpoch TrainEpoch(TrainingSession session, CancellationToken cancellationToken)
    {
        var snapshot = session.RunEpoch(plan.Probe, cancellationToken);
        if (!double.IsFinite(snapshot.TrainingLoss))
        {
            return new TrainedEpoch(snapshot, null, null, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        var neuralPersistence = plan.Signals.HasFlag(CriterionSignals.NeuralPersistence);
        if (plan.Overlaps)
        {
            // The kept copy holds NP's weights on the device: ObserveAsync reads them to the host beside the next epoch.
            return new TrainedEpoch(snapshot, null, session.CaptureState(neuralPersistence), clock.Elapsed);
        }

        var weights = neuralPersistence ? session.NeuralPersistenceWeights() : null;
        return new TrainedEpoch(snapshot, weights, null, clock.Elapsed);
    }

    /// <summary>
    /// The monitoring of one epoch: the connectome of kept activations, the monitor's record and decision, the
    /// checkpoint (from <paramref name="copy"/> when the session has moved on) and the report.
    /// </summary>
    private async Task<TopologyDecision> ObserveAsync(
        TrainingSession session, ProbeActivations? activations, EpochSnapshotMessage message, TrainingStateCopy? copy, Stopwatch epochWatch)
    {
        // The loop's time for this epoch ends here when monitoring is handed off; the rest overlaps the next epoch.
        var seconds = copy is null ? (double?)null : epochWatch.Elapsed.TotalSeconds;
        if (copy is not null)
        {
            // Returns to the loop at once: an in-process monitor (NP's sort, the decomposition) must not run on the loop's turn.
            await Task.Yield();
        }

        if (copy?.HasNeuralPersistenceWeights == true)
        {
            var weights = await Task.Run(copy.NeuralPersistenceWeights, CancellationToken.None);
            message = message with { Weights = weights.ToLayerWeights() };
        }

        if (activations is not null)
        {
            using (activations)
            {
                var (upper, elapsed) = await Task.Run(activations.Connectome, CancellationToken.None);
                message = message with
                {
                    ConnectomeSize = activations.Neurons,
                    Connectome = MemoryMarshal.AsBytes(upper.AsSpan()).ToArray(),
                    ConnectomeSeconds = elapsed.TotalSeconds,
                };
            }
        }

        var decision = await monitor.ObserveAsync(message, CancellationToken.None);
        var saved = false;
        if (plan.CheckpointPath is { } path && (message.Epoch % plan.CheckpointEvery == 0 || decision.ShouldStop))
        {
            using (CheckpointScope?.Invoke(message.Epoch))
            {
                await Task.Run(() => SaveCheckpoint(session, copy, path), CancellationToken.None);
            }

            await monitor.CheckpointedAsync(message.Epoch, CancellationToken.None);
            saved = true;
        }

        if (EpochCompleted is { } completed)
        {
            await completed(new TrialEpoch(decision.Record, decision, saved, seconds ?? epochWatch.Elapsed.TotalSeconds));
        }

        return decision;
    }

    private static void SaveCheckpoint(TrainingSession session, TrainingStateCopy? copy, string path)
    {
        if (copy is null)
        {
            session.SaveCheckpoint(path);
        }
        else
        {
            copy.Save(path);
        }
    }

    private static EpochRecord DivergedRecord(EpochSnapshot snapshot) => new()
    {
        Epoch = snapshot.Epoch,
        Losses = new EpochLosses { Training = snapshot.TrainingLoss, Validation = snapshot.ValidationLoss, ValidationAccuracy = snapshot.ValidationAccuracy },
        Seconds = new EpochSeconds
        {
            Train = snapshot.Timings.Train.TotalSeconds,
            Probe = snapshot.Timings.Probe.TotalSeconds,
            Connectome = snapshot.Timings.Connectome.TotalSeconds,
            Validation = snapshot.Timings.Validation.TotalSeconds,
        },
        Decision = "diverged",
    };
}
