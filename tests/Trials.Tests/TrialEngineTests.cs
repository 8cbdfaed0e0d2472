using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

namespace Orchestrator.Trials.Tests;

public sealed class TrialEngineTests
{
    private const int MaxEpochs = 30;

    private static CriterionSignals Signals(string specification) =>
        StoppingCriterionCatalog.Default.Find(StoppingCriterionCatalog.Default.Parse(specification).Name).Signals;

    private static TrialPlan Plan(string specification, string? checkpoint = null) =>
        new(MaxEpochs, Signals(specification)) { CheckpointPath = checkpoint };

    [Fact]
    public async Task A_run_stops_by_its_criterion_with_one_record_per_epoch()
    {
        using var session = TrainingSession.Create(SyntheticTrial.Settings());
        var reported = new List<TrialEpoch>();
        var engine = new TrialEngine(Plan(SyntheticTrial.QuickTop), SyntheticTrial.Monitor(SyntheticTrial.QuickTop))
        {
            EpochCompleted = epoch =>
            {
                reported.Add(epoch);
                return Task.CompletedTask;
            },
        };

        var outcome = await engine.RunAsync(session, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Stopped, outcome.End);
        Assert.InRange(outcome.StopEpoch, 2, MaxEpochs - 1);
        Assert.Equal(Enumerable.Range(1, outcome.StopEpoch), outcome.Records.Select(r => r.Epoch));
        Assert.Equal(outcome.Records, reported.Select(e => e.Record));
        Assert.Null(outcome.Records[0].Signals.Distance);
        Assert.All(outcome.Records.Skip(1), r => Assert.True(r.Signals.Distance > 0));
        Assert.All(outcome.Records.SkipLast(1), r => Assert.Equal(string.Empty, r.Decision));
        Assert.Equal(outcome.Reason, outcome.Records[^1].Decision);
        Assert.True(reported[^1].Decision.ShouldStop);
        Assert.InRange(outcome.Test!.Accuracy, 0.5, 1);
        Assert.Equal(session.EvaluateTest(), outcome.Test);
    }

    [Fact]
    public async Task A_run_resumed_from_its_checkpoint_stops_where_the_uninterrupted_run_stops_with_the_same_records()
    {
        using var directory = new TemporaryDirectory();
        TrialOutcome whole;
        using (var session = TrainingSession.Create(SyntheticTrial.Settings()))
        {
            whole = await new TrialEngine(Plan(SyntheticTrial.QuickTop), SyntheticTrial.Monitor(SyntheticTrial.QuickTop)).RunAsync(session, TestContext.Current.CancellationToken);
        }

        Assert.Equal(TrialEnd.Stopped, whole.End);
        var interruptAfter = whole.StopEpoch - 1;
        var checkpoint = directory.File("run.ckpt");
        using (var first = TrainingSession.Create(SyntheticTrial.Settings()))
        using (var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            var engine = new TrialEngine(Plan(SyntheticTrial.QuickTop, checkpoint), SyntheticTrial.Monitor(SyntheticTrial.QuickTop, checkpoint: checkpoint))
            {
                EpochCompleted = async epoch =>
                {
                    if (epoch.Record.Epoch == interruptAfter)
                    {
                        await interrupt.CancelAsync();
                    }
                },
            };
            var interrupted = await engine.RunAsync(first, interrupt.Token);
            Assert.Equal((TrialEnd.Cancelled, interruptAfter), (interrupted.End, interrupted.StopEpoch));
        }

        using var resumed = TrainingSession.Resume(checkpoint, SyntheticTrial.Settings());
        IReadOnlyList<EpochRecord>? replayed = null;
        var monitor = SyntheticTrial.Monitor(SyntheticTrial.QuickTop, resumeCheckpoint: checkpoint, checkpoint: checkpoint);
        var outcome = await new TrialEngine(Plan(SyntheticTrial.QuickTop, checkpoint), monitor) { Resumed = history => replayed = history }
            .RunAsync(resumed, TestContext.Current.CancellationToken);

        Assert.True(monitor.JournalFound);
        Assert.Equal(interruptAfter, replayed!.Count);
        Assert.Equal((whole.End, whole.StopEpoch, whole.Reason, whole.BestEpoch), (outcome.End, outcome.StopEpoch, outcome.Reason, outcome.BestEpoch));

        // The first resumed epoch has its distance to the checkpoint's connectome, and the rebuilt criterion stops at the same epoch.
        Assert.Equal(whole.Records.Select(SyntheticTrial.Untimed), outcome.Records.Select(SyntheticTrial.Untimed));
        Assert.Equal(whole.Test, outcome.Test);
        Assert.Equal(whole.StopEpoch, RunJournal.TryRead(checkpoint)!.Records[^1].Epoch);
    }

    [Fact]
    public async Task A_checkpoint_of_the_stop_epoch_ends_the_resumed_run_at_once_with_the_recorded_reason()
    {
        using var directory = new TemporaryDirectory();
        var checkpoint = directory.File("run.ckpt");
        TrialOutcome whole;
        using (var session = TrainingSession.Create(SyntheticTrial.Settings()))
        {
            var plan = Plan(SyntheticTrial.QuickTop, checkpoint) with { CheckpointEvery = MaxEpochs };
            whole = await new TrialEngine(plan, SyntheticTrial.Monitor(SyntheticTrial.QuickTop, checkpoint: checkpoint)).RunAsync(session, TestContext.Current.CancellationToken);
        }

        using var resumed = TrainingSession.Resume(checkpoint, SyntheticTrial.Settings());
        var epochs = 0;
        var outcome = await new TrialEngine(Plan(SyntheticTrial.QuickTop, checkpoint), SyntheticTrial.Monitor(SyntheticTrial.QuickTop, resumeCheckpoint: checkpoint))
        {
            EpochCompleted = _ =>
            {
                epochs++;
                return Task.CompletedTask;
            },
        }.RunAsync(resumed, TestContext.Current.CancellationToken);

        Assert.Equal(0, epochs);
        Assert.Equal((TrialEnd.Stopped, whole.StopEpoch, whole.Reason), (outcome.End, outcome.StopEpoch, outcome.Reason));
        Assert.Equal(whole.Test, outcome.Test);
    }

    [Fact]
    public async Task Without_ending_at_a_recorded_stop_a_resumed_run_trains_on_past_it()
    {
        using var directory = new TemporaryDirectory();
        var checkpoint = directory.File("run.ckpt");
        TrialOutcome whole;
        using (var session = TrainingSession.Create(SyntheticTrial.Settings()))
        {
            whole = await new TrialEngine(Plan(SyntheticTrial.QuickTop, checkpoint), SyntheticTrial.Monitor(SyntheticTrial.QuickTop, checkpoint: checkpoint))
                .RunAsync(session, TestContext.Current.CancellationToken);
        }

        using var resumed = TrainingSession.Resume(checkpoint, SyntheticTrial.Settings());
        var plan = new TrialPlan(whole.StopEpoch + 2, Signals("none")) { EndsAtRecordedStop = false };
        var outcome = await new TrialEngine(plan, SyntheticTrial.Monitor("none", resumeCheckpoint: checkpoint)).RunAsync(resumed, TestContext.Current.CancellationToken);

        Assert.Equal((TrialEnd.Completed, whole.StopEpoch + 2), (outcome.End, outcome.StopEpoch));
        Assert.Equal(whole.Records.Select(SyntheticTrial.Untimed), outcome.Records.Take(whole.StopEpoch).Select(SyntheticTrial.Untimed));
    }

    [Fact]
    public async Task A_journal_of_flat_records_from_an_older_worker_is_refused_with_the_fix()
    {
        using var directory = new TemporaryDirectory();
        var checkpoint = directory.File("run.ckpt");
        await File.WriteAllTextAsync(
            RunJournal.PathFor(checkpoint),
            """{ "records": [ { "epoch": 1, "trainingLoss": 1.2, "w": null } ], "connectomeSize": 0, "lastConnectome": "" }""",
            TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SyntheticTrial.Monitor("top", resumeCheckpoint: checkpoint).ResumeAsync(1, TestContext.Current.CancellationToken));

        Assert.Contains("older version", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_finite_training_loss_ends_the_run_as_diverged_with_the_reason()
    {
        using var session = TrainingSession.Create(SyntheticTrial.Settings(learningRate: 1e12));
        var observed = 0;
        var engine = new TrialEngine(Plan("top"), SyntheticTrial.Monitor("top"))
        {
            EpochCompleted = _ =>
            {
                observed++;
                return Task.CompletedTask;
            },
        };

        var outcome = await engine.RunAsync(session, TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Diverged, outcome.End);
        var last = outcome.Records[^1];
        Assert.False(double.IsFinite(last.Losses.Training));
        Assert.Equal("diverged", last.Decision);
        Assert.Equal(last.Epoch, outcome.StopEpoch);
        Assert.Equal(observed, outcome.Records.Count - 1);
        Assert.Contains($"training loss became", outcome.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"at epoch {last.Epoch}", outcome.Reason, StringComparison.Ordinal);
        Assert.Null(outcome.Test);
    }

    [Fact]
    public async Task Per_epoch_test_accuracy_is_recorded_but_never_changes_the_decisions()
    {
        TrialOutcome Run(bool recordTest)
        {
            using var session = TrainingSession.Create(SyntheticTrial.Settings());
            var plan = Plan(SyntheticTrial.QuickTop) with { RecordTestAccuracy = recordTest };
            return new TrialEngine(plan, SyntheticTrial.Monitor(SyntheticTrial.QuickTop)).RunAsync(session, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        }

        var without = await Task.Run(() => Run(false), TestContext.Current.CancellationToken);
        var with = await Task.Run(() => Run(true), TestContext.Current.CancellationToken);

        Assert.All(without.Records, r => Assert.Null(r.Losses.TestAccuracy));
        Assert.All(with.Records, r => Assert.InRange(r.Losses.TestAccuracy!.Value, 0, 1));
        Assert.All(with.Records, r => Assert.True(r.Seconds.Test > 0));
        Assert.Equal(with.Test!.Accuracy, with.Records[^1].Losses.TestAccuracy);
        static EpochRecord Criterion(EpochRecord r) => r with { Seconds = new(), Losses = r.Losses with { Test = null, TestAccuracy = null } };
        Assert.Equal(without.Records.Select(Criterion), with.Records.Select(Criterion));
    }

    [Fact]
    public async Task Cancelling_before_the_first_epoch_ends_as_cancelled_without_records()
    {
        using var session = TrainingSession.Create(SyntheticTrial.Settings());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var outcome = await new TrialEngine(Plan("top") with { TestAfterCancel = true }, SyntheticTrial.Monitor("top")).RunAsync(session, cancelled.Token);

        Assert.Equal((TrialEnd.Cancelled, 0), (outcome.End, outcome.StopEpoch));
        Assert.Empty(outcome.Records);
        Assert.Null(outcome.Test);
        Assert.Equal(0, session.CompletedEpochs);
    }
}
