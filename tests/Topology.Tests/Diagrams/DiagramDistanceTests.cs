using Orchestrator.Topology.Diagrams;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Tests.Diagrams;

public sealed class DiagramDistanceTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Every partial matching of A into B (the rest to the diagonal): the exact optimum by enumeration.</summary>
    private static (double Wasserstein2, double Bottleneck) BruteForce(PersistencePair[] a, PersistencePair[] b)
    {
        double bestSum = double.PositiveInfinity, bestMax = double.PositiveInfinity;
        var usedB = new bool[b.Length];

        void Recurse(int i, double sum, double max)
        {
            if (i == a.Length)
            {
                for (var j = 0; j < b.Length; j++)
                {
                    if (!usedB[j])
                    {
                        var toDiagonal = (b[j].Death - (double)b[j].Birth) / 2;
                        sum += toDiagonal * toDiagonal;
                        max = Math.Max(max, toDiagonal);
                    }
                }

                bestSum = Math.Min(bestSum, sum);
                bestMax = Math.Min(bestMax, max);
                return;
            }

            var own = (a[i].Death - (double)a[i].Birth) / 2;
            Recurse(i + 1, sum + (own * own), Math.Max(max, own));
            for (var j = 0; j < b.Length; j++)
            {
                if (usedB[j])
                {
                    continue;
                }

                var c = Math.Max(Math.Abs(a[i].Birth - (double)b[j].Birth), Math.Abs(a[i].Death - (double)b[j].Death));
                usedB[j] = true;
                Recurse(i + 1, sum + (c * c), Math.Max(max, c));
                usedB[j] = false;
            }
        }

        Recurse(0, 0, 0);
        return (Math.Sqrt(bestSum), bestMax);
    }

    private static PersistencePair[] RandomDiagram(Random random, int count, int levels) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var birth = random.Next(levels) / (float)levels;
            var death = birth + ((1 + random.Next(levels)) / (float)levels);
            return new PersistencePair(birth, death);
        })];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Both_distances_equal_the_optimum_over_all_matchings(int seed)
    {
        var random = new Random(seed);
        var a = RandomDiagram(random, random.Next(0, 6), levels: seed % 2 == 0 ? 5 : 1000);
        var b = RandomDiagram(random, random.Next(0, 6), levels: seed % 2 == 0 ? 5 : 1000);
        var (wasserstein, bottleneck) = BruteForce(a, b);

        Assert.Equal(wasserstein, DiagramDistance.Wasserstein2(a, b), Tolerance);
        Assert.Equal(bottleneck, DiagramDistance.Bottleneck(a, b), Tolerance);
    }

    [Fact]
    public void Distances_are_symmetric_and_zero_on_equal_diagrams()
    {
        var random = new Random(42);
        var a = RandomDiagram(random, 30, 1000);
        var b = RandomDiagram(random, 25, 1000);

        Assert.Equal(0, DiagramDistance.Wasserstein2(a, a), Tolerance);
        Assert.Equal(0, DiagramDistance.Bottleneck(a, a), Tolerance);
        Assert.Equal(DiagramDistance.Wasserstein2(a, b), DiagramDistance.Wasserstein2(b, a), Tolerance);
        Assert.Equal(DiagramDistance.Bottleneck(a, b), DiagramDistance.Bottleneck(b, a), Tolerance);
    }

    [Fact]
    public void Against_the_empty_diagram_every_point_goes_to_the_diagonal()
    {
        PersistencePair[] a = [new(0, 1), new(0.5f, 0.75f)];

        Assert.Equal(Math.Sqrt((0.5 * 0.5) + (0.125 * 0.125)), DiagramDistance.Wasserstein2(a, []), Tolerance);
        Assert.Equal(0.5, DiagramDistance.Bottleneck(a, []), Tolerance);
    }

    [Fact]
    public void Essential_classes_match_by_sorted_birth()
    {
        PersistencePair[] a = [new(0, float.PositiveInfinity), new(0.5f, float.PositiveInfinity), new(0.1f, 0.3f)];
        PersistencePair[] b = [new(0.25f, float.PositiveInfinity), new(0, float.PositiveInfinity), new(0.1f, 0.3f)];

        Assert.Equal(0.25, DiagramDistance.Wasserstein2(a, b), Tolerance);
        Assert.Equal(0.25, DiagramDistance.Bottleneck(a, b), Tolerance);
    }

    [Fact]
    public void Different_numbers_of_essential_classes_are_infinitely_far_apart()
    {
        PersistencePair[] a = [new(0, float.PositiveInfinity)];

        Assert.Equal(double.PositiveInfinity, DiagramDistance.Wasserstein2(a, []));
        Assert.Equal(double.PositiveInfinity, DiagramDistance.Bottleneck(a, []));
    }

    [Fact]
    public void Bottleneck_never_exceeds_wasserstein2()
    {
        var random = new Random(9);
        for (var k = 0; k < 20; k++)
        {
            var a = RandomDiagram(random, random.Next(1, 20), 1000);
            var b = RandomDiagram(random, random.Next(1, 20), 1000);
            Assert.True(DiagramDistance.Bottleneck(a, b) <= DiagramDistance.Wasserstein2(a, b) + Tolerance);
        }
    }

    [Fact]
    public void Between_rips_results_combines_dimensions_like_top()
    {
        var first = VietorisRipsPersistence.OfConnectome(Homology.RipsTestSpaces.RandomConnectome(40, 30, 1));
        var second = VietorisRipsPersistence.OfConnectome(Homology.RipsTestSpaces.RandomConnectome(40, 30, 2));

        var h0 = DiagramDistance.Wasserstein2(first.H0.Pairs, second.H0.Pairs);
        var h1 = DiagramDistance.Wasserstein2(first.H1.Pairs, second.H1.Pairs);
        Assert.Equal(Math.Sqrt((h0 * h0) + (h1 * h1)), DiagramDistance.Between(first, second), Tolerance);
        Assert.True(h0 > 0);
    }
}
