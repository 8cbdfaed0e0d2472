using System.Collections.Immutable;

namespace Orchestrator.Search;

/// <summary>
/// The values of one trial's active hyperparameters, by name (inactive conditional parameters are absent).
/// Equal when the same names have the same values, whatever the order they were set in.
/// </summary>
public sealed record Configuration
{
    /// <param name="values">The values by parameter name.</param>
    public Configuration(IEnumerable<KeyValuePair<string, ParameterValue>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, values);
    }

    /// <summary>The values, sorted by name (a stable order for tables, CSV columns and hashing).</summary>
    public ImmutableSortedDictionary<string, ParameterValue> Values { get; }

    /// <summary>The value of <paramref name="name"/>, or null when it is inactive.</summary>
    public ParameterValue? this[string name] => Values.GetValueOrDefault(name);

    /// <inheritdoc />
    public bool Equals(Configuration? other) =>
        other is not null && Values.Count == other.Values.Count
        && Values.All(pair => other.Values.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <inheritdoc />
    public override int GetHashCode() =>
        Values.Aggregate(Values.Count, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value));

    /// <summary><c>lr=0.01, optimizer=sgd</c>.</summary>
    public override string ToString() => string.Join(", ", Values.Select(p => $"{p.Key}={p.Value}"));
}
