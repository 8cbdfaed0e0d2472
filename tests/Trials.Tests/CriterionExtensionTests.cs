using Orchestrator.Topology.Stopping;
using Orchestrator.Training;

namespace Orchestrator.Trials.Tests;

public sealed class CriterionExtensionTests
{
    [Fact]
    public async Task A_criterion_from_another_assembly_runs_through_the_engine_and_its_declared_signals_are_recorded()
    {
        var catalog = StoppingCriterionCatalog.Discover(typeof(IStoppingCriterion).Assembly, typeof(CriterionExtensionTests).Assembly);
        var monitor = SyntheticTrial.Monitor("baseline-signals:epochs=4", catalog, null, null, out var created);
        var criterion = Assert.IsType<BaselineSignalsCriterion>(created);
        using var session = TrainingSession.Create(SyntheticTrial.Settings());
        var plan = new TrialPlan(10, catalog.Find(criterion.Name).Signals);

        var outcome = await new TrialEngine(plan, monitor).RunAsync(session, TestContext.Current.CancellationToken);

        Assert.Equal((TrialEnd.Stopped, 4, "saw 4 epochs"), (outcome.End, outcome.StopEpoch, outcome.Reason));
        Assert.Equal(4, outcome.Records.Count);

        // Both declared signals are computed, recorded and shown to the criterion; the diagram distance from epoch 2.
        Assert.Null(outcome.Records[0].Signals.DiagramDistance);
        Assert.All(outcome.Records.Skip(1), r => Assert.True(r.Signals.DiagramDistance >= 0));
        Assert.All(outcome.Records, r => Assert.True(r.Signals.NeuralPersistence > 0));
        Assert.All(outcome.Records, r => Assert.True(r.Seconds.NeuralPersistence > 0));
        Assert.Equal(outcome.Records.Select(r => r.Signals.DiagramDistance), criterion.Seen.Select(o => o.DiagramDistance));
        Assert.Equal(outcome.Records.Select(r => r.Signals.NeuralPersistence), criterion.Seen.Select(o => o.NeuralPersistence));

        // The cheap graph distance is always recorded, whatever the criterion reads.
        Assert.All(outcome.Records.Skip(1), r => Assert.NotNull(r.Signals.Distance));
    }
}
