using Orchestrator.Data.Optimization;

namespace Orchestrator.Data.Tests;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Cosine_starts_at_the_base_rate_halves_midway_and_reaches_the_minimum_at_the_horizon()
    {
        var cosine = new LearningRateSchedule("cosine", MinimumFactor: 0.1);
        Assert.Equal(1, cosine.Factor(0, 10), 12);
        Assert.Equal(0.55, cosine.Factor(5, 10), 12);
        Assert.Equal(0.1, cosine.Factor(10, 10), 12);
        Assert.Equal(0.1, cosine.Factor(30, 10), 12);
    }

    [Fact]
    public void Step_drops_by_gamma_every_step_size_epochs()
    {
        var step = new LearningRateSchedule("step", StepSize: 3, Gamma: 0.5);
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25], Enumerable.Range(0, 7).Select(e => step.Factor(e, 100)));
        Assert.Equal(1, LearningRateSchedule.Constant.Factor(50, 10));
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("cosine")]
    [InlineData("cosine(min=0.01)")]
    [InlineData("step(10,0.1)")]
    public void Canonical_text_round_trips(string text) => Assert.Equal(text, LearningRateSchedule.Parse(text).ToString());

    [Fact]
    public void Unknown_text_is_refused_listing_the_forms() =>
        Assert.Contains("step(N,GAMMA)", Assert.Throws<FormatException>(() => LearningRateSchedule.Parse("linear")).Message);
}
