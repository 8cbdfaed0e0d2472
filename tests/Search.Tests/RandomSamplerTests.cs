using Orchestrator.Search.Samplers;

namespace Orchestrator.Search.Tests;

public sealed class RandomSamplerTests
{
    private static readonly StudyHistory Empty = StudyHistory.Empty(ObjectiveDirection.Maximize);

    private static List<Configuration> Draws(int count) =>
        [.. Enumerable.Range(0, count).Select(seed => new RandomSampler().Propose(SearchSpaces.Mixed, seed, Empty))];

    [Fact]
    public void Every_value_lies_within_its_distribution()
    {
        foreach (var configuration in Draws(2000))
        {
            foreach (var (name, value) in configuration.Values)
            {
                Assert.True(SearchSpaces.Mixed.Find(name)!.Distribution.Contains(value), $"{name}={value}");
            }
        }
    }

    [Fact]
    public void Log_parameters_are_uniform_in_log_space_and_ints_reach_both_ends()
    {
        var draws = Draws(4000);

        // Half the mass of loguniform [1e-4, 0.3] lies below the geometric mean √(1e-4·0.3) ≈ 0.0055.
        var belowGeometricMean = draws.Count(c => c["lr"]!.AsNumber() < Math.Sqrt(1e-4 * 0.3)) / (double)draws.Count;
        Assert.InRange(belowGeometricMean, 0.46, 0.54);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], draws.Select(c => c["layers"]!.AsNumber()).Distinct().Order());
        var widths = draws.Select(c => c["width"]!.AsNumber()).ToList();
        Assert.Contains(16.0, widths);
        Assert.Contains(512.0, widths);
        Assert.InRange(widths.Count(w => w < Math.Sqrt(16 * 512)) / (double)widths.Count, 0.45, 0.55);
    }

    [Fact]
    public void Conditional_momentum_is_present_exactly_when_the_optimizer_is_sgd()
    {
        var draws = Draws(600);

        Assert.All(draws, c => Assert.Equal(c["optimizer"] == ParameterValue.Of("sgd"), c.Values.ContainsKey("momentum")));
        Assert.Contains(draws, c => c.Values.ContainsKey("momentum"));
        Assert.Contains(draws, c => !c.Values.ContainsKey("momentum"));
    }

    [Fact]
    public void The_same_seed_and_history_give_the_same_configuration_and_another_seed_another()
    {
        var history = ScriptedTrials.Study(ObjectiveDirection.Maximize, ScriptedTrials.Running(0, 0.5));

        var first = new RandomSampler().Propose(SearchSpaces.Mixed, 42, history);
        var again = new RandomSampler().Propose(SearchSpaces.Mixed, 42, history);

        Assert.Equal(first, again);
        Assert.NotEqual(first, new RandomSampler().Propose(SearchSpaces.Mixed, 43, history));
        // The next trial number is part of the stream: a concurrent second ask does not repeat the first.
        Assert.NotEqual(first, new RandomSampler().Propose(SearchSpaces.Mixed, 42, Empty));
    }
}
