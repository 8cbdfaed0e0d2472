using Orchestrator.Search.Samplers;

namespace Orchestrator.Search.Tests;

public sealed class GridSamplerTests
{
    private static readonly SearchSpace Discrete = new(
    [
        new SearchParameter("batchSize", new ChoiceDistribution([ParameterValue.Of(32), ParameterValue.Of(50), ParameterValue.Of(128)])),
        new SearchParameter("layers", new IntDistribution(1, 3)),
        new SearchParameter("optimizer", new ChoiceDistribution([ParameterValue.Of("sgd"), ParameterValue.Of("adam")])),
        new SearchParameter("momentum", new ChoiceDistribution([ParameterValue.Of(0.9), ParameterValue.Of(0.99)]))
        {
            When = [new ParameterCondition("optimizer", [ParameterValue.Of("sgd")])],
        },
    ]);

    [Fact]
    public void Enumerates_the_cartesian_product_once_with_inactive_parameters_not_varied()
    {
        var points = GridSampler.Enumerate(Discrete);

        // 3 batch sizes × 3 layer counts × (sgd with 2 momenta + adam without momentum).
        Assert.Equal(3 * 3 * (2 + 1), points.Count);
        Assert.Equal(points.Count, points.Distinct().Count());
        Assert.All(points, p => Assert.Equal(p["optimizer"] == ParameterValue.Of("sgd"), p.Values.ContainsKey("momentum")));
        Assert.Equal("batchSize=32, layers=1, momentum=0.9, optimizer=sgd", points[0].ToString());
        Assert.Equal("batchSize=32, layers=1, momentum=0.99, optimizer=sgd", points[1].ToString());
        Assert.Equal("batchSize=32, layers=1, optimizer=adam", points[2].ToString());
        Assert.Equal("batchSize=128, layers=3, optimizer=adam", points[^1].ToString());
    }

    [Fact]
    public void Proposes_each_point_once_in_order_then_nothing()
    {
        var sampler = SamplerCatalog.Default.Create("grid");
        var history = StudyHistory.Empty(ObjectiveDirection.Maximize);
        var proposed = new List<Configuration>();
        while (sampler.Propose(Discrete, seed: 7, history) is { } next)
        {
            proposed.Add(next);
            // Failed trials count as visited: a grid never retries a point.
            history = history.With(new TrialRecord(history.NextTrialNumber, next, proposed.Count % 5 == 0 ? TrialState.Failed : TrialState.Completed, 0.5));
        }

        Assert.Equal(GridSampler.Enumerate(Discrete), proposed);
    }

    [Fact]
    public void Refuses_a_real_valued_parameter_naming_it()
    {
        var descriptor = SamplerCatalog.Default.Find("grid");
        var message = Assert.Single(descriptor.Incompatibilities(SearchSpaces.Mixed), m => m.Contains("'lr'", StringComparison.Ordinal));

        Assert.Contains("loguniform", message, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => new GridSampler().Propose(SearchSpaces.Mixed, 0, StudyHistory.Empty(ObjectiveDirection.Maximize)));
        Assert.StartsWith("grid: 'lr' is loguniform; a grid enumerates only choice and int parameters", error.Message, StringComparison.Ordinal);
        Assert.Empty(descriptor.Incompatibilities(Discrete));
    }
}
