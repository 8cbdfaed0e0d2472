namespace Orchestrator.Search.Tests;

public sealed class SearchSpaceTests
{
    [Fact]
    public void A_space_built_in_code_is_validated_by_the_same_rules_as_a_file()
    {
        var space = new SearchSpace(
        [
            new SearchParameter("lr", new LogUniformDistribution(0, 1)),
            new SearchParameter("lr", new UniformDistribution(0, 1)),
            new SearchParameter("layers", new IntDistribution(1, 2.5)),
        ]);

        var errors = space.Validate("sweep.space");

        Assert.Contains(errors, e => e.Path == "sweep.space.lr" && e.Message.Contains("given 2 times", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "sweep.space.lr.loguniform" && e.Message.Contains("> 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "sweep.space.layers.int" && e.Message.Contains("whole numbers", StringComparison.Ordinal));
    }

    [Fact]
    public void The_mixed_test_space_is_valid_and_draws_the_optimizer_before_momentum()
    {
        Assert.Empty(SearchSpaces.Mixed.Validate());
        var order = SearchSpaces.Mixed.SamplingOrder.Select(p => p.Name).ToList();
        Assert.Equal(["lr", "dropout", "width", "layers", "optimizer", "momentum"], order);
    }

    [Fact]
    public void Configurations_are_equal_whatever_order_their_values_were_set_in()
    {
        var a = new Configuration([new("lr", ParameterValue.Of(0.1)), new("optimizer", ParameterValue.Of("sgd"))]);
        var b = new Configuration([new("optimizer", ParameterValue.Of("sgd")), new("lr", ParameterValue.Of(0.1))]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("lr=0.1, optimizer=sgd", a.ToString());
        Assert.NotEqual(a, new Configuration([new("lr", ParameterValue.Of(0.1))]));
    }

    [Fact]
    public void A_history_orders_trials_and_their_reports_and_refuses_a_repeated_number()
    {
        var configuration = new Configuration([]);
        var history = new StudyHistory(
            ObjectiveDirection.Minimize,
            [
                new TrialRecord(2, configuration, TrialState.Running) { Reports = [new(3, 0.2), new(1, 0.9), new(2, 0.5)] },
                new TrialRecord(0, configuration, TrialState.Completed, 0.4),
            ]);

        Assert.Equal([0, 2], history.Trials.Select(t => t.Number));
        Assert.Equal(3, history.NextTrialNumber);
        Assert.Equal(new ObjectiveReport(3, 0.2), history.Trials[1].LastReport);
        Assert.Equal(0.5, history.Trials[1].BestUpTo(2, ObjectiveDirection.Minimize));
        // With replaces the trial of the same number (a running trial that finished), it does not add one.
        var finished = history.With(history.Trials[1] with { State = TrialState.Pruned });
        Assert.Equal([TrialState.Completed, TrialState.Pruned], finished.Trials.Select(t => t.State));
        var error = Assert.Throws<ArgumentException>(() => new StudyHistory(ObjectiveDirection.Minimize, [history.Trials[0], history.Trials[0]]));
        Assert.StartsWith("two trials are numbered 0", error.Message, StringComparison.Ordinal);
    }
}
