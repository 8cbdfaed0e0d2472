using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

namespace Orchestrator.Trials.Tests;

/// <summary>
/// A run cancelled by a scheduler's prune is tested on its model at the last recorded epoch (so a pruned trial has a
/// test accuracy), also when the cancel lands part-way through the next epoch; a plain cancel is not tested.
/// </summary>
public sealed class PrunedRunTestPassTests
{
    private const int PruneAfter = 2;

    // Small batches make an epoch long enough (hundreds of batches, each checking the cancel) for a delayed cancel to land inside one.
    private static readonly TrainingSettings Settings = SyntheticTrial.Settings() with { BatchSize = 2 };

    private static TrialPlan Plan(string checkpoint, bool pruned) =>
        new(20, StoppingCriterionCatalog.Default.Find("none").Signals) { CheckpointPath = checkpoint, TestAfterPrune = () => pruned };

    /// <summary>The test result of the same run trained exactly <paramref name="epochs"/> epochs.</summary>
    private static async Task<EvaluationResult> ReferenceAsync(int epochs)
    {
        using var session = TrainingSession.Create(Settings);
        var outcome = await new TrialEngine(new TrialPlan(epochs, StoppingCriterionCatalog.Default.Find("none").Signals), SyntheticTrial.Monitor("none"))
            .RunAsync(session, TestContext.Current.CancellationToken);
        return outcome.Test!;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    public async Task A_pruned_run_is_tested_on_its_last_recorded_epochs_model_wherever_the_cancel_lands(int delayMilliseconds)
    {
        using var directory = new TemporaryDirectory();
        using var session = TrainingSession.Create(Settings);
        using var prune = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var engine = new TrialEngine(Plan(directory.File("run.ckpt"), pruned: true), SyntheticTrial.Monitor("none"))
        {
            EpochCompleted = epoch =>
            {
                if (epoch.Record.Epoch == PruneAfter)
                {
                    // 0: before the next epoch starts; later: part-way through one of the next epochs.
                    if (delayMilliseconds == 0)
                    {
                        prune.Cancel();
                    }
                    else
                    {
                        prune.CancelAfter(delayMilliseconds);
                    }
                }

                return Task.CompletedTask;
            },
        };

        var outcome = await engine.RunAsync(session, prune.Token);

        Assert.Equal(TrialEnd.Cancelled, outcome.End);
        Assert.True(outcome.StopEpoch >= PruneAfter);
        if (delayMilliseconds == 0)
        {
            Assert.Equal(PruneAfter, outcome.StopEpoch);
        }

        // Not the half-trained next epoch's model: exactly the one a run of that many epochs ends with.
        Assert.Equal(await ReferenceAsync(outcome.StopEpoch), outcome.Test);
    }

    [Fact]
    public async Task A_plain_cancel_runs_no_test_pass()
    {
        using var directory = new TemporaryDirectory();
        using var session = TrainingSession.Create(Settings);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var engine = new TrialEngine(Plan(directory.File("run.ckpt"), pruned: false), SyntheticTrial.Monitor("none"))
        {
            EpochCompleted = epoch =>
            {
                if (epoch.Record.Epoch == PruneAfter)
                {
                    cancel.Cancel();
                }

                return Task.CompletedTask;
            },
        };

        var outcome = await engine.RunAsync(session, cancel.Token);

        Assert.Equal((TrialEnd.Cancelled, PruneAfter), (outcome.End, outcome.StopEpoch));
        Assert.Null(outcome.Test);
    }
}
