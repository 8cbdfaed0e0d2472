using Orchestrator.Data;

namespace Orchestrator.Data.Tests;

public sealed class SamplingTests
{
    private static int[] Labels(int perClass, int classes) =>
        [.. Enumerable.Range(0, perClass * classes).Select(i => i % classes)];

    [Fact]
    public void Splitmix64_matches_its_published_reference_sequence()
    {
        // Reference: SplitMix64 seeded with state 0 yields 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, …
        var random = new DeterministicRandom(0) { State = 0 };
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
    }

    [Fact]
    public void Fraction_subset_takes_the_same_share_of_every_class()
    {
        var labels = Labels(100, 10);
        var subset = StratifiedSampler.Subset(labels, 0.1, new DeterministicRandom(3));

        Assert.Equal(100, subset.Length);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(10, subset.Count(i => labels[i] == c)));
        Assert.Equal(subset.Length, subset.Distinct().Count());
    }

    [Fact]
    public void Same_seed_selects_the_same_subset_and_another_seed_a_different_one()
    {
        var labels = Labels(100, 10);
        var a = StratifiedSampler.Subset(labels, 0.2, new DeterministicRandom(5, 1));
        var b = StratifiedSampler.Subset(labels, 0.2, new DeterministicRandom(5, 1));
        var c = StratifiedSampler.Subset(labels, 0.2, new DeterministicRandom(6, 1));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Validation_split_is_stratified_and_disjoint_from_training()
    {
        var labels = Labels(50, 4);
        var all = Enumerable.Range(0, labels.Length).ToArray();
        var (held, kept) = StratifiedSampler.Split(all, labels, 0.2, new DeterministicRandom(1));

        Assert.Equal(40, held.Length);
        Assert.Equal(160, kept.Length);
        Assert.Empty(held.Intersect(kept));
        Assert.All(Enumerable.Range(0, 4), c => Assert.Equal(10, held.Count(i => labels[i] == c)));
    }
}
