using MathNet.Numerics.Distributions;

namespace Orchestrator.Search;

/// <summary>One of a list of values (strings or numbers), each equally likely a priori.</summary>
public sealed record ChoiceDistribution : ParameterDistribution
{
    /// <param name="options">The values, distinct, at least one.</param>
    public ChoiceDistribution(IEnumerable<ParameterValue> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = [.. options];
    }

    /// <summary>The values in the order given (the grid enumerates them in this order).</summary>
    public IReadOnlyList<ParameterValue> Options { get; }

    /// <inheritdoc />
    public override string Kind => "choice";

    /// <summary>The position of <paramref name="value"/> among <see cref="Options"/>, or −1.</summary>
    public int IndexOf(ParameterValue value)
    {
        for (var i = 0; i < Options.Count; i++)
        {
            if (Options[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override bool Contains(ParameterValue value) => IndexOf(value) >= 0;

    /// <inheritdoc />
    public override IEnumerable<string> Problems()
    {
        if (Options.Count == 0)
        {
            yield return "the choice is empty; give at least one value, e.g. [32, 64]";
        }

        var repeated = Options.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
        if (repeated.Count > 0)
        {
            yield return $"values must be distinct; repeated: {string.Join(", ", repeated)}";
        }
    }

    /// <inheritdoc />
    public override ParameterValue SamplePrior(Random random) => Options[DiscreteUniform.Sample(random, 0, Options.Count - 1)];

    /// <inheritdoc />
    public bool Equals(ChoiceDistribution? other) => other is not null && Options.SequenceEqual(other.Options);

    /// <inheritdoc />
    public override int GetHashCode() => Options.Aggregate(Options.Count, HashCode.Combine);
}
