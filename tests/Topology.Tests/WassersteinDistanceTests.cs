using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

public sealed class WassersteinDistanceTests
{
    [Fact]
    public void Matches_a_hand_computed_example_for_both_orders()
    {
        var a = new BirthDeathDecomposition(3, [0.1f, 0.5f], [0.2f]);
        var b = new BirthDeathDecomposition(3, [0.3f, 0.5f], [0.6f]);
        var births = (double)0.3f - 0.1f;
        var deaths = (double)0.6f - 0.2f;

        var two = WassersteinDistance.Between(a, b, p: 2);
        var one = WassersteinDistance.Between(a, b, p: 1);

        Assert.Equal(births, two.W0, 12);
        Assert.Equal(deaths, two.W1, 12);
        Assert.Equal(Math.Sqrt((births * births) + (deaths * deaths)), two.W, 12);
        Assert.Equal(births, one.W0, 12);
        Assert.Equal(deaths, one.W1, 12);
        Assert.Equal(births + deaths, one.W, 12);
        Assert.Equal(2, two.P);
        Assert.Equal(1, one.P);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Matches_the_rank_matching_formula_on_random_decompositions(int p)
    {
        var a = BirthDeathDecomposition.Of(TestMatrices.Random(53, seed: 1));
        var b = BirthDeathDecomposition.Of(TestMatrices.Random(53, seed: 2));

        var distance = WassersteinDistance.Between(a, b, p);

        Assert.Equal(Plain(a.Births, b.Births, p), distance.W0, 10);
        Assert.Equal(Plain(a.Deaths, b.Deaths, p), distance.W1, 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Is_a_metric_on_random_examples(int p)
    {
        var decompositions = Enumerable.Range(0, 5)
            .Select(seed => BirthDeathDecomposition.Of(TestMatrices.Random(19, seed + 10, r => r.NextSingle() * r.NextSingle())))
            .ToArray();
        double Distance(int x, int y) => WassersteinDistance.Between(decompositions[x], decompositions[y], p).W;

        for (var x = 0; x < decompositions.Length; x++)
        {
            Assert.Equal(0, Distance(x, x));
            for (var y = 0; y < decompositions.Length; y++)
            {
                Assert.Equal(Distance(x, y), Distance(y, x));
                if (x != y)
                {
                    Assert.True(Distance(x, y) > 0);
                }

                for (var z = 0; z < decompositions.Length; z++)
                {
                    Assert.True(Distance(x, z) <= Distance(x, y) + Distance(y, z) + 1e-12, $"triangle inequality fails for {x}, {y}, {z}");
                }
            }
        }
    }

    [Fact]
    public void Different_node_counts_are_an_error()
    {
        var a = BirthDeathDecomposition.Of(TestMatrices.Random(5, seed: 1));
        var b = BirthDeathDecomposition.Of(TestMatrices.Random(6, seed: 1));

        var error = Assert.Throws<ArgumentException>(() => WassersteinDistance.Between(a, b));

        Assert.Contains("5 and 6 nodes", error.Message);
    }

    [Fact]
    public void Orders_other_than_one_and_two_are_an_error()
    {
        var a = BirthDeathDecomposition.Of(TestMatrices.Random(5, seed: 1));

        var error = Assert.Throws<ArgumentException>(() => WassersteinDistance.Between(a, a, p: 3));

        Assert.Equal("p", error.ParamName);
    }

    private static double Plain(float[] x, float[] y, int p)
    {
        double sum = 0;
        for (var k = 0; k < x.Length; k++)
        {
            sum += Math.Pow(Math.Abs((double)x[k] - y[k]), p);
        }

        return Math.Pow(sum, 1.0 / p);
    }
}
