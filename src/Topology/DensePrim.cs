using System.Runtime.Intrinsics;

namespace Orchestrator.Topology;

/// <summary>
/// Dense Prim for the maximum spanning tree of a complete graph given as a row-major n × n matrix:
/// O(n²) time, O(n) memory, vectorised. Deterministic: the next vertex is the lowest-index vertex of
/// largest key, and a vertex's parent is the lowest-index tree vertex among those offering that key.
/// </summary>
/// <remarks>
/// A vertex already in the tree has key NaN: every comparison with NaN is false, so it is never
/// relaxed and never selected, without a separate membership mask.
/// </remarks>
internal sealed class DensePrim
{
    private const int Width = 8;

    private DensePrim(int[] order, int[] parent, float[] weights)
    {
        Order = order;
        Parent = parent;
        Weights = weights;
    }

    /// <summary>Vertices in the order they join the tree; <c>Order[0] = 0</c>.</summary>
    public int[] Order { get; }

    /// <summary>The tree neighbour through which each vertex joined; <c>Parent[0] = -1</c>.</summary>
    public int[] Parent { get; }

    /// <summary>The weight of the edge by which <c>Order[k + 1]</c> joined, for k = 0…n−2 (Prim order, not sorted).</summary>
    public float[] Weights { get; }

    /// <summary>Runs Prim from vertex 0 on the dense matrix <paramref name="values"/> of size <paramref name="n"/> (finite weights).</summary>
    public static unsafe DensePrim Run(ReadOnlySpan<float> values, int n)
    {
        fixed (float* matrix = values)
        {
            return Run(new DenseRows(matrix, n), n);
        }
    }

    /// <summary>Runs Prim from vertex 0 on an n-node graph whose rows <paramref name="rows"/> provides (finite weights).</summary>
    public static unsafe DensePrim Run<TRows>(TRows rows, int n)
        where TRows : struct, IPrimRows
    {
        var order = new int[n];
        var weights = new float[Math.Max(0, n - 1)];
        if (n == 0)
        {
            return new DensePrim(order, [], weights);
        }

        var padded = (n + Width - 1) / Width * Width;
        var best = new float[padded];
        var parent = new int[padded];
        Array.Fill(best, float.NegativeInfinity);
        best.AsSpan(n).Fill(float.NaN);
        best[0] = float.NaN;
        parent[0] = -1;
        var current = 0;
        fixed (float* key = best)
        fixed (int* from = parent)
        {
            for (var added = 1; added < n; added++)
            {
                var candidate = new Candidate(-1, float.NegativeInfinity);
                var lanes = new LaneCandidates(Vector256.Create(float.NegativeInfinity), Vector256.Create(-1));
                Relax(rows.Below(current), 0, current, current, key, from, ref lanes, ref candidate);
                Relax(rows.Above(current), current + 1, n, current, key, from, ref lanes, ref candidate);
                var next = lanes.Merge(candidate).Index;
                order[added] = next;
                weights[added - 1] = key[next];
                key[next] = float.NaN;
                current = next;
            }
        }

        return new DensePrim(order, parent[..n], weights);
    }

    // Relaxes nodes [start, end) through `current` (row[v] = w(current, v)) and tracks the best candidate:
    // vector lanes keep their lowest index of largest key; the scalar tail compares explicitly.
    private static unsafe void Relax(float* row, int start, int end, int current, float* key, int* from, ref LaneCandidates lanes, ref Candidate candidate)
    {
        var v = start;
        if (Vector256.IsHardwareAccelerated)
        {
            var currentVector = Vector256.Create(current);
            var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            var maxKey = lanes.Keys;
            var maxIndex = lanes.Indices;
            for (; v + Width <= end; v += Width)
            {
                var w = Vector256.Load(row + v);
                var k = Vector256.Load(key + v);
                var p = Vector256.Load(from + v);
                var better = Vector256.GreaterThan(w, k) | (Vector256.Equals(w, k) & Vector256.LessThan(currentVector, p).AsSingle());
                k = Vector256.ConditionalSelect(better, w, k);
                k.Store(key + v);
                Vector256.ConditionalSelect(better.AsInt32(), currentVector, p).Store(from + v);
                var larger = Vector256.GreaterThan(k, maxKey);
                maxKey = Vector256.ConditionalSelect(larger, k, maxKey);
                maxIndex = Vector256.ConditionalSelect(larger.AsInt32(), Vector256.Create(v) + lane, maxIndex);
            }

            lanes = new LaneCandidates(maxKey, maxIndex);
        }

        for (; v < end; v++)
        {
            var w = row[v];
            if (w > key[v] || (w == key[v] && current < from[v]))
            {
                key[v] = w;
                from[v] = current;
            }

            candidate = candidate.Better(new Candidate(v, key[v]));
        }
    }

    /// <summary>A node and its key; NaN keys (nodes in the tree) never win.</summary>
    private readonly record struct Candidate(int Index, float Key)
    {
        public Candidate Better(Candidate other) =>
            other.Index < 0 || float.IsNaN(other.Key) ? this
            : Index < 0 || other.Key > Key || (other.Key == Key && other.Index < Index) ? other
            : this;
    }

    /// <summary>Per-lane best key and its node (−1 where the lane has seen no candidate).</summary>
    private readonly record struct LaneCandidates(Vector256<float> Keys, Vector256<int> Indices)
    {
        public Candidate Merge(Candidate candidate)
        {
            for (var lane = 0; lane < Width; lane++)
            {
                candidate = candidate.Better(new Candidate(Indices.GetElement(lane), Keys.GetElement(lane)));
            }

            return candidate;
        }
    }
}
