using Orchestrator.Topology.Stopping;

namespace Orchestrator.Topology.Tests;

public sealed class ValidationLossStoppingCriterionTests
{
    private static EpochObservation Epoch(int epoch, double validationLoss) => new(epoch, 1.0) { ValidationLoss = validationLoss };

    private static (int Epoch, StoppingDecision Decision) Run(IStoppingCriterion criterion, IReadOnlyList<double> losses)
    {
        for (var k = 0; k < losses.Count; k++)
        {
            var decision = criterion.Observe(Epoch(k + 1, losses[k]));
            if (decision.ShouldStop)
            {
                return (k + 1, decision);
            }
        }

        return (0, StoppingDecision.Continue(0));
    }

    [Fact]
    public void Stops_after_patience_epochs_without_improvement_and_reports_the_lowest_loss_epoch()
    {
        // Improvements at 1, 2, 3; epoch 4 is worse; 5 is the lowest ever but only by 0.001 < minDelta, so it
        // does not reset patience; 6 and 7 are worse. Patience 4 from epoch 3 ends at epoch 7.
        double[] losses = [1.0, 0.8, 0.6, 0.65, 0.599, 0.7, 0.7, 0.1];
        var (epoch, decision) = Run(new ValidationLossStoppingCriterion(patience: 4, minDelta: 0.01), losses);
        Assert.Equal(7, epoch);
        Assert.Equal(5, decision.BestEpoch);
        Assert.Contains("validation loss", decision.Reason);
    }

    [Fact]
    public void Matches_plain_patience_when_min_delta_is_zero()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 100; trial++)
        {
            var losses = Enumerable.Range(0, 80).Select(e => (2 * Math.Exp(-e / 10.0)) + (0.3 * random.NextDouble())).ToList();
            var patience = random.Next(1, 8);
            var expected = PlateauReference.PlainPatience(losses, patience) ?? 80;
            var (epoch, _) = Run(new ValidationLossStoppingCriterion(patience, 0, 80), losses);
            Assert.Equal(expected, epoch);
        }
    }

    [Fact]
    public void Monotone_decay_runs_to_max_epochs()
    {
        var (epoch, decision) = Run(new ValidationLossStoppingCriterion(maxEpochs: 12), [.. Enumerable.Range(1, 30).Select(e => 1.0 / e)]);
        Assert.Equal(12, epoch);
        Assert.Equal(12, decision.BestEpoch);
        Assert.Contains("max epochs (12)", decision.Reason);
    }

    [Fact]
    public void A_NaN_loss_stops_the_run_at_once()
    {
        var (epoch, decision) = Run(new ValidationLossStoppingCriterion(), [0.9, 0.5, double.NaN, 0.1]);
        Assert.Equal(3, epoch);
        Assert.Equal(2, decision.BestEpoch);
        Assert.Contains("validation loss is NaN at epoch 3", decision.Reason);
    }

    [Fact]
    public void An_observation_without_validation_loss_is_an_error_that_says_what_is_missing()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ValidationLossStoppingCriterion().Observe(new EpochObservation(1, 0.5)));
        Assert.Contains("ValidationLoss", ex.Message);
    }

    [Theory]
    [InlineData(0, 0, 10, "patience")]
    [InlineData(3, -0.5, 10, "minDelta")]
    [InlineData(3, double.PositiveInfinity, 10, "minDelta")]
    [InlineData(3, 0, 0, "maxEpochs")]
    public void Invalid_parameters_are_rejected_by_name(int patience, double minDelta, int maxEpochs, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ValidationLossStoppingCriterion(patience, minDelta, maxEpochs));
        Assert.Equal(parameter, ex.ParamName);
        Assert.StartsWith(parameter + " is ", ex.Message);
    }
}
