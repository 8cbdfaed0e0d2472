using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

public sealed class BirthDeathDecompositionTests
{
    [Fact]
    public void Four_node_graph_splits_into_tree_births_and_cycle_deaths()
    {
        // Maximum tree by hand: 0.9 (0–1), 0.8 (2–3), 0.7 (1–2) connect all four nodes; the rest close cycles.
        var matrix = TestMatrices.FromEdges(4, (0, 1, 0.9f), (0, 2, 0.2f), (0, 3, 0.4f), (1, 2, 0.7f), (1, 3, 0.3f), (2, 3, 0.8f));

        var decomposition = BirthDeathDecomposition.Of(matrix);

        Assert.Equal(4, decomposition.Size);
        Assert.Equal([0.7f, 0.8f, 0.9f], decomposition.Births);
        Assert.Equal([0.2f, 0.3f, 0.4f], decomposition.Deaths);
    }

    [Fact]
    public void Five_node_graph_with_a_heavy_cycle_keeps_its_lightest_edge_as_a_death()
    {
        // Cycle 0–1–2–3–0 of weights 0.9, 0.8, 0.7, 0.6: the tree takes 0.9, 0.8, 0.7 and the 0.6 edge dies;
        // node 4 hangs on by its best edge 0.5 (to node 2); the other edges to 4 and the chords 0–2, 1–3 die.
        var matrix = TestMatrices.FromEdges(
            5,
            (0, 1, 0.9f), (1, 2, 0.8f), (2, 3, 0.7f), (0, 3, 0.6f),
            (0, 2, 0.1f), (1, 3, 0.2f),
            (0, 4, 0.3f), (1, 4, 0.05f), (2, 4, 0.5f), (3, 4, 0.4f));

        var decomposition = BirthDeathDecomposition.Of(matrix);

        Assert.Equal([0.5f, 0.7f, 0.8f, 0.9f], decomposition.Births);
        Assert.Equal([0.05f, 0.1f, 0.2f, 0.3f, 0.4f, 0.6f], decomposition.Deaths);
    }

    [Fact]
    public void Zero_weights_are_real_edges()
    {
        // Node 3 is joined to the rest only by zero weights: one of them is a birth, the other two deaths.
        var matrix = TestMatrices.FromEdges(4, (0, 1, 0.5f), (0, 2, 0.5f), (1, 2, 0.5f));

        var decomposition = BirthDeathDecomposition.Of(matrix);

        Assert.Equal([0f, 0.5f, 0.5f], decomposition.Births);
        Assert.Equal([0f, 0f, 0.5f], decomposition.Deaths);
        Assert.Equal(3, decomposition.Births.Length);
        Assert.Equal(BirthDeathDecomposition.DeathCount(4), decomposition.Deaths.Length);
    }

    [Fact]
    public void All_zero_matrix_has_all_zero_births_and_deaths()
    {
        var decomposition = BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(new float[ConnectomeMatrix.UpperTriangleLength(6)]));

        Assert.Equal(new float[5], decomposition.Births);
        Assert.Equal(new float[10], decomposition.Deaths);
    }

    [Fact]
    public void Ties_give_the_same_multisets_as_an_independent_kruskal()
    {
        // Weights on a coarse grid: many equal edges, so many maximum spanning trees exist.
        var matrix = TestMatrices.Random(23, seed: 3, r => r.Next(0, 4) / 4f);

        var decomposition = BirthDeathDecomposition.Of(matrix);
        var (births, deaths) = KruskalReference.Decompose(matrix);

        Assert.Equal(births, decomposition.Births);
        Assert.Equal(deaths, decomposition.Deaths);
    }

    [Fact]
    public void Negative_weights_are_ordered_on_the_whole_float_line()
    {
        var matrix = TestMatrices.FromEdges(3, (0, 1, -1f), (0, 2, -2f), (1, 2, -3f));

        var decomposition = BirthDeathDecomposition.Of(matrix);

        Assert.Equal([-2f, -1f], decomposition.Births);
        Assert.Equal([-3f], decomposition.Deaths);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(7, 2)]
    [InlineData(64, 3)]
    [InlineData(101, 4)]
    [InlineData(257, 5)]
    public void Matches_kruskal_on_random_matrices(int n, int seed)
    {
        var matrix = TestMatrices.Random(n, seed);

        var decomposition = BirthDeathDecomposition.Of(matrix);
        var (births, deaths) = KruskalReference.Decompose(matrix);

        Assert.Equal(births, decomposition.Births);
        Assert.Equal(deaths, decomposition.Deaths);
    }

    [Fact]
    public void Matches_kruskal_on_a_large_matrix_with_mixed_signs_and_heavy_ties()
    {
        // Large enough (over 2^18 deaths) for the parallel, multi-chunk and multi-bucket path.
        var matrix = TestMatrices.Random(760, seed: 6, r => r.Next(8) == 0 ? 0.25f : (r.NextSingle() * 2) - 1);

        var decomposition = BirthDeathDecomposition.Of(matrix);
        var (births, deaths) = KruskalReference.Decompose(matrix);

        Assert.Equal(births, decomposition.Births);
        Assert.Equal(deaths, decomposition.Deaths);
    }

    [Fact]
    public void Weights_packed_into_a_narrow_band_are_sorted_exactly()
    {
        // All deaths share their leading key bits, so they land in one oversized bucket (sorted in place).
        var matrix = TestMatrices.Random(420, seed: 7, r => 0.5f + (r.NextSingle() / 4096));

        var decomposition = BirthDeathDecomposition.Of(matrix);
        var (births, deaths) = KruskalReference.Decompose(matrix);

        Assert.Equal(births, decomposition.Births);
        Assert.Equal(deaths, decomposition.Deaths);
    }

    [Fact]
    public void Relabelling_the_nodes_changes_nothing()
    {
        var matrix = TestMatrices.Random(41, seed: 8);
        var relabelled = TestMatrices.Relabel(matrix, TestMatrices.RandomPermutation(41, seed: 9));

        var original = BirthDeathDecomposition.Of(matrix);
        var renamed = BirthDeathDecomposition.Of(relabelled);

        Assert.Equal(original.Births, renamed.Births);
        Assert.Equal(original.Deaths, renamed.Deaths);
    }

    [Fact]
    public void Total_persistence_is_the_sum_of_each_part()
    {
        var decomposition = BirthDeathDecomposition.Of(TestMatrices.Random(30, seed: 10));

        Assert.Equal(decomposition.Births.Sum(b => (double)b), decomposition.TotalPersistence0, 9);
        Assert.Equal(decomposition.Deaths.Sum(d => (double)d), decomposition.TotalPersistence1, 9);
    }

    [Theory]
    [InlineData(2, 11, false)]
    [InlineData(3, 12, false)]
    [InlineData(9, 13, true)]
    [InlineData(130, 14, true)]
    [InlineData(760, 15, true)]
    public void Decomposing_the_upper_triangle_directly_equals_decomposing_the_dense_matrix(int n, int seed, bool ties)
    {
        var matrix = TestMatrices.Random(n, seed, r => ties && r.Next(4) == 0 ? 0.5f : (r.NextSingle() * 2) - 1);
        var upper = matrix.ToUpperTriangle();

        var direct = BirthDeathDecomposition.OfUpperTriangle(upper);
        var dense = BirthDeathDecomposition.Of(matrix);

        Assert.Equal(n, direct.Size);
        Assert.Equal(dense.Births, direct.Births);
        Assert.Equal(dense.Deaths, direct.Deaths);
    }

    [Fact]
    public void Upper_triangle_NaN_entries_count_as_zero_weights()
    {
        var upper = TestMatrices.Random(12, seed: 16).ToUpperTriangle();
        upper[5] = float.NaN;
        upper[40] = float.NaN;
        var zeroed = (float[])upper.Clone();
        zeroed[5] = 0f;
        zeroed[40] = 0f;

        var direct = BirthDeathDecomposition.OfUpperTriangle(upper);
        var expected = BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(zeroed));

        Assert.Equal(expected.Births, direct.Births);
        Assert.Equal(expected.Deaths, direct.Deaths);
    }

    [Fact]
    public void Upper_triangle_infinite_entries_are_errors_naming_the_entry()
    {
        var upper = TestMatrices.Random(12, seed: 17).ToUpperTriangle();
        upper[TestMatrices.UpperIndex(12, 3, 8)] = float.NegativeInfinity;

        var error = Assert.Throws<ArgumentException>(() => BirthDeathDecomposition.OfUpperTriangle(upper));

        Assert.Contains("(3,8)", error.Message);
    }

    [Fact]
    public void A_single_node_has_empty_sets()
    {
        var decomposition = BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle([]));

        Assert.Equal(1, decomposition.Size);
        Assert.Empty(decomposition.Births);
        Assert.Empty(decomposition.Deaths);
    }
}
