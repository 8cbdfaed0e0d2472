namespace Orchestrator.Search.Tests;

/// <summary>The spaces the sampler tests share.</summary>
internal static class SearchSpaces
{
    /// <summary>One parameter of each kind, and momentum only when the optimizer is sgd.</summary>
    public static SearchSpace Mixed { get; } = new(
    [
        new SearchParameter("lr", new LogUniformDistribution(1e-4, 0.3)),
        new SearchParameter("dropout", new UniformDistribution(0, 0.5)),
        new SearchParameter("width", new IntDistribution(16, 512, Log: true)),
        new SearchParameter("layers", new IntDistribution(1, 4)),
        new SearchParameter("momentum", new UniformDistribution(0.5, 0.99)) { When = [new ParameterCondition("optimizer", [ParameterValue.Of("sgd")])] },
        new SearchParameter("optimizer", new ChoiceDistribution([ParameterValue.Of("sgd"), ParameterValue.Of("adam"), ParameterValue.Of("rmsprop")])),
    ]);
}
