using System.Diagnostics;
using System.Globalization;
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
/// </remarks>
public sealed class TrialEngine(TrialPlan plan, ITrialMonitor monitor)
{
    /// <summary>After every epoch with its record (after the checkpoint); the one place a driver reports progress.</summary>
    public Func<TrialEpoch, Task>? EpochCompleted { get; init; }

    /// <summary>When a run resumes from a checkpoint, with the records replayed into the criterion.</summary>
    public Action<IReadOnlyList<EpochRecord>>? Resumed { get; init; }

    /// <summary>Wraps each epoch (given its number), e.g. in a tracing span.</summary>
    public Func<int, IDisposable?>? EpochScope { get; init; }

    /// <summary>Runs the trial to its end; the session may have been resumed from a checkpoint.</summary>
    /// <exception cref="OperationCanceledException">Never for <paramref name="cancellationToken"/>: that ends as <see cref="TrialEnd.Cancelled"/>.</exception>
    public async Task<TrialOutcome> RunAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var records = new List<EpochRecord>();
        var bestEpoch = 0;
        try
        {
            records.AddRange(await monitor.ResumeAsync(session.CompletedEpochs, cancellationToken));
            if (session.CompletedEpochs > 0)
            {
                Resumed?.Invoke([.. records]);
            }

            var end = StoppedBeforeRestart(records, session.CompletedEpochs);
            while (end is null && session.CompletedEpochs < plan.MaxEpochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (record, decision) = await RunEpochAsync(session, cancellationToken);
                records.Add(record);
                if (decision is null)
                {
                    var loss = record.Losses.Training.ToString(CultureInfo.InvariantCulture);
                    return new TrialOutcome(TrialEnd.Diverged, $"training loss became {loss} at epoch {record.Epoch}", record.Epoch, bestEpoch, records, null);
                }

                bestEpoch = decision.BestEpoch;
                if (decision.ShouldStop)
                {
                    // A criterion's own epoch limit at the trial's maxEpochs is completion, not an early stop.
                    end = (record.Epoch >= plan.MaxEpochs ? TrialEnd.Completed : TrialEnd.Stopped, decision.Reason);
                }
            }

            var (state, reason) = end ?? (TrialEnd.Completed, $"reached max epochs ({plan.MaxEpochs})");
            var test = await Task.Run(session.EvaluateTest, CancellationToken.None);
            return new TrialOutcome(state, reason, session.CompletedEpochs, bestEpoch, records, test);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var stopEpoch = records.Count > 0 ? records[^1].Epoch : 0;
            var test = plan.TestAfterCancel && stopEpoch > 0 ? await Task.Run(session.EvaluateTest, CancellationToken.None) : null;
            return new TrialOutcome(TrialEnd.Cancelled, "cancelled", stopEpoch, bestEpoch, records, test);
        }
    }

    /// <summary>The silo or process may have died between the criterion's stop (checkpointed) and the end of the trial.</summary>
    private (TrialEnd, string)? StoppedBeforeRestart(List<EpochRecord> history, int completedEpochs) =>
        plan.EndsAtRecordedStop && completedEpochs > 0 && history.LastOrDefault(r => r.Epoch == completedEpochs) is { Decision.Length: > 0 } last
            ? (completedEpochs >= plan.MaxEpochs ? TrialEnd.Completed : TrialEnd.Stopped, last.Decision)
            : null;

    /// <summary>One epoch; a null decision means the training loss diverged (the record says how).</summary>
    private async Task<(EpochRecord Record, TopologyDecision? Decision)> RunEpochAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var scope = EpochScope?.Invoke(session.CompletedEpochs + 1);
        var snapshot = await Task.Run(() => session.RunEpoch(cancellationToken), cancellationToken);
        if (!double.IsFinite(snapshot.TrainingLoss))
        {
            return (DivergedRecord(snapshot), null);
        }

        var weights = plan.Signals.HasFlag(CriterionSignals.NeuralPersistence) ? session.NeuralPersistenceWeights() : null;
        var message = snapshot.ToMessage(weights);
        if (plan.RecordTestAccuracy)
        {
            var testWatch = Stopwatch.StartNew();
            var test = await Task.Run(session.EvaluateTest, cancellationToken);
            message = message with { TestAccuracy = test.Accuracy, TestLoss = test.Loss, TestSeconds = testWatch.Elapsed.TotalSeconds };
        }

        var decision = await monitor.ObserveAsync(message, cancellationToken);
        var saved = false;
        if (plan.CheckpointPath is { } path && (snapshot.Epoch % plan.CheckpointEvery == 0 || decision.ShouldStop))
        {
            await Task.Run(() => session.SaveCheckpoint(path), CancellationToken.None);
            await monitor.CheckpointedAsync(snapshot.Epoch, CancellationToken.None);
            saved = true;
        }

        if (EpochCompleted is { } completed)
        {
            await completed(new TrialEpoch(decision.Record, decision, saved, watch.Elapsed.TotalSeconds));
        }

        return (decision.Record, decision);
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
