using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

public sealed class MaximumSpanningTreeTests
{
    [Fact]
    public void Ties_are_broken_toward_the_lowest_index()
    {
        // A triangle of equal weights plus node 3 on zero weights: Prim from 0 takes 1 (lowest of the
        // tied candidates), then 2 and 3, each through node 0 (lowest of the tied tree nodes).
        var matrix = TestMatrices.FromEdges(4, (0, 1, 0.5f), (0, 2, 0.5f), (1, 2, 0.5f));

        var tree = MaximumSpanningTree.Of(matrix);

        Assert.Equal([new SpanningTreeEdge(0, 1), new SpanningTreeEdge(0, 2), new SpanningTreeEdge(0, 3)], tree);
    }

    [Fact]
    public void Parent_is_the_lowest_tree_node_offering_the_best_weight()
    {
        // 0–2 is heaviest so 2 joins first; node 1 is offered 0.4 by both 0 and 2 and node 3 0.3 by both: parent 0 each time.
        var matrix = TestMatrices.FromEdges(4, (0, 2, 0.9f), (0, 1, 0.4f), (1, 2, 0.4f), (0, 3, 0.3f), (2, 3, 0.3f), (1, 3, 0.1f));

        var tree = MaximumSpanningTree.Of(matrix);

        Assert.Equal([new SpanningTreeEdge(0, 2), new SpanningTreeEdge(0, 1), new SpanningTreeEdge(0, 3)], tree);
    }

    [Theory]
    [InlineData(9, 1, 1000)]
    [InlineData(33, 2, 5)]
    [InlineData(70, 3, 3)]
    [InlineData(70, 4, 1000)]
    public void Matches_a_plain_cubic_prim_with_the_same_tie_rule(int n, int seed, int levels)
    {
        var matrix = TestMatrices.Random(n, seed, r => r.Next(levels) / (float)levels);

        Assert.Equal(PlainPrim(matrix), MaximumSpanningTree.Of(matrix));
    }

    [Fact]
    public void Tree_spans_every_node_once()
    {
        var tree = MaximumSpanningTree.Of(TestMatrices.Random(50, seed: 5));

        Assert.Equal(49, tree.Length);
        Assert.Equal(Enumerable.Range(1, 49), tree.Select(e => e.To).Order());
    }

    // Grows the tree one node at a time: the next node is the lowest index of largest best weight to the
    // tree; its parent the lowest-index tree node achieving that weight. O(n³), for small n only.
    private static SpanningTreeEdge[] PlainPrim(ConnectomeMatrix matrix)
    {
        var n = matrix.Size;
        var inTree = new List<int> { 0 };
        var edges = new List<SpanningTreeEdge>();
        while (inTree.Count < n)
        {
            var next = -1;
            var nextWeight = float.NegativeInfinity;
            for (var v = 0; v < n; v++)
            {
                if (inTree.Contains(v))
                {
                    continue;
                }

                var weight = inTree.Max(t => matrix[t, v]);
                if (next < 0 || weight > nextWeight)
                {
                    next = v;
                    nextWeight = weight;
                }
            }

            var parent = inTree.Where(t => matrix[t, next] == nextWeight).Min();
            edges.Add(new SpanningTreeEdge(parent, next));
            inTree.Add(next);
        }

        return [.. edges];
    }
}
