using Orchestrator.Topology.Homology;

namespace Orchestrator.Topology.Tests.Homology;

public sealed class VietorisRipsPersistenceTests
{
    private static List<(double X, double Y)> Circle(int count, double radius = 1) =>
        [.. Enumerable.Range(0, count).Select(k => (radius * Math.Cos(2 * Math.PI * k / count), radius * Math.Sin(2 * Math.PI * k / count)))];

    [Fact]
    public void Points_on_a_circle_have_one_long_cycle()
    {
        var d = RipsTestSpaces.Euclidean(Circle(16));
        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d));

        var cycle = Assert.Single(result.H1.Pairs);
        Assert.Equal(d[0, 1], cycle.Birth);
        Assert.True(cycle.Death > 4 * cycle.Birth, $"the circle's bar ({cycle.Birth}, {cycle.Death}) should be long");
        Assert.Equal(BruteForceRipsPersistence.Compute(d, float.MaxValue).H1, result.H1.Pairs);
    }

    [Fact]
    public void Unit_square_has_three_unit_merges_and_a_cycle_from_side_to_diagonal()
    {
        var d = RipsTestSpaces.Euclidean([(0, 0), (1, 0), (1, 1), (0, 1)]);
        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d));

        Assert.Equal(
            [new(0, 1), new(0, 1), new(0, 1), new(0, float.PositiveInfinity)],
            result.H0.Pairs);
        Assert.Equal([new PersistencePair(1, (float)Math.Sqrt(2))], result.H1.Pairs);
    }

    [Fact]
    public void Duplicated_points_add_only_zero_length_pairs_which_are_omitted()
    {
        List<(double X, double Y)> square = [(0, 0), (1, 0), (1, 1), (0, 1)];
        var doubled = RipsTestSpaces.Euclidean([.. square, .. square]);
        var single = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(RipsTestSpaces.Euclidean(square)));

        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(doubled));

        Assert.Equal(single.H0.Pairs, result.H0.Pairs);
        Assert.Equal(single.H1.Pairs, result.H1.Pairs);
    }

    [Fact]
    public void All_distances_tied_give_one_merge_level_and_no_cycles()
    {
        const int n = 7;
        var d = new float[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : 0.5f;
            }
        }

        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d));

        Assert.Equal(n - 1, result.H0.Finite.Count());
        Assert.All(result.H0.Finite, p => Assert.Equal(new PersistencePair(0, 0.5f), p));
        Assert.Single(result.H0.Essential);
        Assert.Empty(result.H1.Pairs);
    }

    [Theory]
    [InlineData(6, 1, 0)]
    [InlineData(8, 2, 0)]
    [InlineData(9, 3, 0)]
    [InlineData(10, 4, 0)]
    [InlineData(9, 5, 4)]
    [InlineData(10, 6, 3)]
    [InlineData(11, 7, 6)]
    [InlineData(12, 8, 0)]
    public void Matches_full_boundary_matrix_reduction(int n, int seed, int levels)
    {
        var d = RipsTestSpaces.Random(n, seed, levels);
        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d));
        var reference = BruteForceRipsPersistence.Compute(d, float.MaxValue);

        Assert.Equal(reference.H0, result.H0.Pairs);
        Assert.Equal(reference.H1, result.H1.Pairs);
    }

    [Theory]
    [InlineData(10, 11, 0.3f)]
    [InlineData(12, 12, 0.45f)]
    [InlineData(10, 13, 0.2f)]
    public void Below_the_enclosing_radius_a_threshold_matches_the_truncated_reference(int n, int seed, float threshold)
    {
        var d = RipsTestSpaces.Random(n, seed, levels: 20);
        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d), threshold: threshold);
        var reference = BruteForceRipsPersistence.Compute(d, threshold);

        Assert.Equal(threshold, result.Threshold);
        Assert.Equal(reference.H0, result.H0.Pairs);
        Assert.Equal(reference.H1, result.H1.Pairs);
    }

    [Fact]
    public void Circle_points_match_the_reference_on_a_noisy_circle()
    {
        var random = new Random(5);
        var points = Circle(14).Select(p => (p.X + (0.1 * random.NextDouble()), p.Y + (0.1 * random.NextDouble()))).ToList();
        var d = RipsTestSpaces.Euclidean(points);

        var result = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d));

        Assert.Equal(BruteForceRipsPersistence.Compute(d, float.MaxValue).H1, result.H1.Pairs);
    }

    [Theory]
    [InlineData(24, 1)]
    [InlineData(60, 2)]
    [InlineData(150, 3)]
    public void Finite_H0_deaths_are_one_minus_the_graph_birth_set(int neurons, int seed)
    {
        var connectome = RipsTestSpaces.RandomConnectome(40, neurons, seed);
        var births = BirthDeathDecomposition.Of(connectome).Births;

        var result = VietorisRipsPersistence.OfConnectome(connectome, maxDimension: 0);

        var expected = births.Select(b => 1f - b).Order().ToArray();
        var deaths = result.H0.Finite.Select(p => p.Death).Order().ToArray();
        Assert.Equal(expected, deaths);
        Assert.Single(result.H0.Essential);
    }

    [Fact]
    public void Relabelling_the_points_leaves_the_diagrams_unchanged()
    {
        const int n = 40;
        var d = RipsTestSpaces.Random(n, 21, levels: 30);
        var permutation = Enumerable.Range(0, n).ToArray();
        new Random(8).Shuffle(permutation);
        var permuted = new float[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                permuted[i, j] = d[permutation[i], permutation[j]];
            }
        }

        var a = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(d));
        var b = VietorisRipsPersistence.Compute(RipsTestSpaces.ToMatrix(permuted));

        Assert.Equal(a.H0.Pairs, b.H0.Pairs);
        Assert.Equal(a.H1.Pairs, b.H1.Pairs);
    }

    [Fact]
    public void A_connectome_of_one_neuron_has_one_essential_component()
    {
        var result = VietorisRipsPersistence.OfConnectome(ConnectomeMatrix.FromUpperTriangle([]));

        Assert.Equal([new PersistencePair(0, float.PositiveInfinity)], result.H0.Pairs);
        Assert.Empty(result.H1.Pairs);
    }

    [Fact]
    public void Connectome_weights_above_one_are_rejected()
    {
        var connectome = ConnectomeMatrix.FromUpperTriangle([1.5f, 0.2f, 0.3f]);

        var error = Assert.Throws<ArgumentException>(() => VietorisRipsPersistence.OfConnectome(connectome));
        Assert.Contains("[−1, 1]", error.Message, StringComparison.Ordinal);
    }
}
