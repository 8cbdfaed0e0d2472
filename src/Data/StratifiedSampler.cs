namespace Orchestrator.Data;

/// <summary>
/// Seeded, stratified selections of item indices: every class contributes the same share, and the
/// same seed selects the same items on every machine (<see cref="DeterministicRandom"/>).
/// </summary>
public static class StratifiedSampler
{
    /// <summary>
    /// Splits <paramref name="indices"/> into a part holding about <paramref name="fraction"/> of each
    /// class (rounded per class, at least one item of every class present when the fraction is
    /// positive) and the rest. Both parts are returned in ascending index order.
    /// </summary>
    public static (int[] Selected, int[] Remaining) Split(IReadOnlyList<int> indices, IReadOnlyList<int> labels, double fraction, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(random);
        if (double.IsNaN(fraction) || fraction < 0 || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in [0, 1].");
        }

        var byClass = new SortedDictionary<int, List<int>>();
        foreach (var index in indices)
        {
            var label = labels[index];
            if (!byClass.TryGetValue(label, out var list))
            {
                list = [];
                byClass[label] = list;
            }

            list.Add(index);
        }

        var selected = new List<int>();
        var rest = new List<int>();
        foreach (var (_, members) in byClass)
        {
            var items = members.ToArray();
            random.Shuffle(items.AsSpan());
            var take = fraction == 0 ? 0 : Math.Clamp((int)Math.Round(fraction * items.Length, MidpointRounding.AwayFromZero), 1, items.Length);
            selected.AddRange(items.AsSpan(0, take));
            rest.AddRange(items.AsSpan(take));
        }

        selected.Sort();
        rest.Sort();
        return (selected.ToArray(), rest.ToArray());
    }

    /// <summary>A stratified fraction of all <paramref name="labels"/>' items.</summary>
    public static int[] Subset(IReadOnlyList<int> labels, double fraction, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Split(Enumerable.Range(0, labels.Count).ToArray(), labels, fraction, random).Selected;
    }

    /// <summary><paramref name="count"/> items chosen uniformly without replacement (all when fewer exist), ascending.</summary>
    public static int[] Uniform(int available, int count, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var permutation = random.Permutation(available);
        var chosen = permutation.AsSpan(0, Math.Min(count, available)).ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
