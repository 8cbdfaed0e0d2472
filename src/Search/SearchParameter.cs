namespace Orchestrator.Search;

/// <summary>One hyperparameter of a search space.</summary>
/// <param name="Name">The name as a trial knows it (e.g. <c>lr</c>, <c>batchSize</c>).</param>
/// <param name="Distribution">How it is drawn.</param>
public sealed record SearchParameter(string Name, ParameterDistribution Distribution)
{
    /// <summary>
    /// The clauses that must all hold for the parameter to be active (empty: always active). An inactive
    /// parameter is absent from the configuration, not given a default, so a trial uses its own default.
    /// </summary>
    public IReadOnlyList<ParameterCondition> When { get; init; } = [];

    /// <summary>Whether the parameter is active given the values chosen so far for the parameters it depends on.</summary>
    public bool IsActiveIn(IReadOnlyDictionary<string, ParameterValue> values) => When.All(c => c.HoldsIn(values));

    /// <inheritdoc />
    public bool Equals(SearchParameter? other) =>
        other is not null && Name == other.Name && Distribution.Equals(other.Distribution) && When.SequenceEqual(other.When);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Distribution, When.Count);
}
