namespace Orchestrator.Topology.Tests;

public sealed class ConnectomeSeriesTests
{
    private static float[] RandomUpper(Random random, int n) =>
        [.. Enumerable.Range(0, n * (n - 1) / 2).Select(_ => (float)random.NextDouble())];

    [Fact]
    public void Each_point_summarises_its_decomposition_and_its_distance_to_the_previous_epoch()
    {
        var random = new Random(1);
        const int N = 9;
        var series = new ConnectomeSeries(p: 2);
        BirthDeathDecomposition? previous = null;
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            var upper = RandomUpper(random, N);
            var point = series.Add(epoch, N, upper);

            var expected = BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(upper));
            Assert.Equal(epoch, point.Epoch);
            Assert.Equal(N, point.Size);
            Assert.Equal(expected.Births.Sum(b => (double)b), point.TotalPersistence0, 9);
            Assert.Equal(expected.Deaths.Sum(d => (double)d), point.TotalPersistence1, 9);
            if (previous is null)
            {
                Assert.Null(point.Distance);
                Assert.Null(point.W);
            }
            else
            {
                // p = 2 by rank, computed here directly.
                var w0 = Math.Sqrt(previous.Births.Zip(expected.Births, (a, b) => Math.Pow(a - b, 2)).Sum());
                var w1 = Math.Sqrt(previous.Deaths.Zip(expected.Deaths, (a, b) => Math.Pow(a - b, 2)).Sum());
                Assert.Equal(w0, point.W0!.Value, 6);
                Assert.Equal(w1, point.W1!.Value, 6);
                Assert.Equal(Math.Sqrt((w0 * w0) + (w1 * w1)), point.W!.Value, 6);
            }

            previous = expected;
        }

        Assert.Equal([1, 2, 3, 4, 5], series.Points.Select(p => p.Epoch));
        Assert.Equal(previous!.Deaths, series.Latest!.Deaths);
    }

    [Fact]
    public void The_order_p_is_used_for_every_distance()
    {
        var random = new Random(2);
        var a = RandomUpper(random, 6);
        var b = RandomUpper(random, 6);
        var series = new ConnectomeSeries(p: 1);
        series.Add(1, 6, a);
        var point = series.Add(2, 6, b);
        var expected = WassersteinDistance.Between(
            BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(a)), BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(b)), 1);
        Assert.Equal(expected, point.Distance);
        Assert.Equal(point.W0 + point.W1, point.W);
    }

    [Fact]
    public void Adding_a_matrix_equals_adding_its_upper_triangle()
    {
        var random = new Random(3);
        var upper = RandomUpper(random, 7);
        var bySpan = new ConnectomeSeries();
        var byMatrix = new ConnectomeSeries();
        bySpan.Add(1, 7, upper);
        byMatrix.Add(1, ConnectomeMatrix.FromUpperTriangle(upper));
        upper = RandomUpper(random, 7);
        Assert.Equal(bySpan.Add(2, 7, upper), byMatrix.Add(2, ConnectomeMatrix.FromUpperTriangle(upper)));
    }

    [Fact]
    public void Identical_connectomes_are_at_distance_zero()
    {
        var upper = RandomUpper(new Random(4), 8);
        var series = new ConnectomeSeries();
        series.Add(1, 8, upper);
        var point = series.Add(2, 8, upper);
        Assert.Equal(new TopologicalDistance(2, 0, 0, 0), point.Distance);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_reason()
    {
        var random = new Random(5);
        var series = new ConnectomeSeries();
        Assert.Contains("n(n−1)/2 = 10", Assert.Throws<ArgumentException>(() => series.Add(1, 5, RandomUpper(random, 4))).Message);
        series.Add(3, 5, RandomUpper(random, 5));
        Assert.Contains("strictly increase", Assert.Throws<ArgumentException>(() => series.Add(3, 5, RandomUpper(random, 5))).Message);
        Assert.Contains("earlier epochs had 5", Assert.Throws<ArgumentException>(() => series.Add(4, 6, RandomUpper(random, 6))).Message);
        Assert.Single(series.Points);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectomeSeries(3)).ParamName);
    }
}
