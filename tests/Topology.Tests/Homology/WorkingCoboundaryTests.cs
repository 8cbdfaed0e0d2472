using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Tests.Homology;

public sealed class WorkingCoboundaryTests
{
    [Theory]
    [InlineData(50, 1)]
    [InlineData(700_000, 2)]
    public void Pivots_are_the_keys_of_odd_multiplicity_in_order_even_after_compaction(int pushes, int seed)
    {
        var random = new Random(seed);
        var counts = new Dictionary<ulong, int>();
        var heap = new WorkingCoboundary();
        for (var k = 0; k < pushes; k++)
        {
            var key = (ulong)random.Next(5000);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            heap.Push(key);
        }

        var expected = counts.Where(c => c.Value % 2 == 1).Select(c => c.Key).Order().ToList();
        var pivots = new List<ulong>();
        while (heap.TryGetPivot(out var pivot))
        {
            pivots.Add(pivot);
            heap.Push(pivot); // adding it once more cancels it over Z/2
        }

        Assert.Equal(expected, pivots);
    }
}
