namespace Orchestrator.Search;

/// <summary>
/// One clause of a conditional parameter: it is active only when <paramref name="Parameter"/> is active
/// and took one of <paramref name="Values"/> (e.g. momentum only when optimizer is sgd).
/// </summary>
/// <param name="Parameter">The parameter it depends on: a choice or int parameter of the same space.</param>
/// <param name="Values">The values of that parameter that activate it; at least one.</param>
public sealed record ParameterCondition(string Parameter, IReadOnlyList<ParameterValue> Values)
{
    /// <summary>Whether the clause holds in a (possibly partial) configuration.</summary>
    public bool HoldsIn(IReadOnlyDictionary<string, ParameterValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(Parameter, out var value) && Values.Contains(value);
    }

    /// <inheritdoc />
    public bool Equals(ParameterCondition? other) =>
        other is not null && Parameter == other.Parameter && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Aggregate(Parameter.GetHashCode(StringComparison.Ordinal), HashCode.Combine);
}
