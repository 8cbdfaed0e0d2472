using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

public sealed class ConnectomeMatrixTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(150)]
    public void Upper_triangle_round_trips_into_a_symmetric_matrix_with_zero_diagonal(int n)
    {
        var random = new Random(n);
        var upper = Enumerable.Range(0, (int)ConnectomeMatrix.UpperTriangleLength(n)).Select(_ => random.NextSingle()).ToArray();

        var matrix = ConnectomeMatrix.FromUpperTriangle(upper);

        Assert.Equal(n, matrix.Size);
        Assert.Equal(upper, matrix.ToUpperTriangle());
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(0f, matrix[i, i]);
            for (var j = 0; j < n; j++)
            {
                Assert.Equal(matrix[i, j], matrix[j, i]);
                Assert.Equal(matrix[i, j], matrix.Row(i)[j]);
            }
        }

        Assert.Equal(upper[TestMatrices.UpperIndex(n, 2, 7)], matrix[7, 2]);
    }

    [Fact]
    public void NaN_entries_count_as_zero()
    {
        var matrix = ConnectomeMatrix.FromUpperTriangle([0.5f, float.NaN, 0.25f]);

        Assert.Equal(0f, matrix[0, 2]);
        Assert.Equal(0f, matrix[2, 0]);
        Assert.Equal(0.5f, matrix[0, 1]);
    }

    [Fact]
    public void NaN_entries_count_as_zero_in_larger_matrices_too()
    {
        var upper = TestMatrices.Random(20, seed: 2).ToUpperTriangle();
        upper[TestMatrices.UpperIndex(20, 4, 17)] = float.NaN;

        var matrix = ConnectomeMatrix.FromUpperTriangle(upper);

        Assert.Equal(0f, matrix[4, 17]);
        Assert.Equal(0f, matrix[17, 4]);
        Assert.Equal(upper[TestMatrices.UpperIndex(20, 4, 18)], matrix[18, 4]);
    }

    [Fact]
    public void Infinite_entries_are_rejected_with_their_position_in_larger_matrices_too()
    {
        var upper = TestMatrices.Random(30, seed: 3).ToUpperTriangle();
        upper[TestMatrices.UpperIndex(30, 11, 29)] = float.PositiveInfinity;

        var error = Assert.Throws<ArgumentException>(() => ConnectomeMatrix.FromUpperTriangle(upper));

        Assert.Contains("(11,29)", error.Message);
    }

    [Fact]
    public void Infinite_entries_are_rejected_with_their_position()
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectomeMatrix.FromUpperTriangle([0.5f, 0.1f, float.PositiveInfinity]));

        Assert.Contains("(1,2)", error.Message);
    }

    [Fact]
    public void Lengths_that_are_no_triangle_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectomeMatrix.SizeFromUpperTriangleLength(7));

        Assert.Contains("n(n-1)/2", error.Message);
    }

    [Fact]
    public void Size_and_triangle_length_are_inverse()
    {
        for (var n = 1; n < 200; n++)
        {
            Assert.Equal(n, ConnectomeMatrix.SizeFromUpperTriangleLength(ConnectomeMatrix.UpperTriangleLength(n)));
        }
    }
}
