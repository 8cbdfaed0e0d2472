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
        fixed (float* matrix = values)
        fixed (float* key = best)
        fixed (int* from = parent)
        {
            for (var added = 1; added < n; added++)
            {
                var next = Vector256.IsHardwareAccelerated
                    ? RelaxAndSelectVector(matrix + ((long)current * n), current, key, from, n)
                    : RelaxAndSelectScalar(matrix + ((long)current * n), current, key, from, 0, n, -1);
                order[added] = next;
                weights[added - 1] = key[next];
                key[next] = float.NaN;
                current = next;
            }
        }

        return new DensePrim(order, parent[..n], weights);
    }

    // Relaxes vertices [start, n) through `current` and returns the best candidate, given the best so far.
    private static unsafe int RelaxAndSelectScalar(float* row, int current, float* key, int* from, int start, int n, int next)
    {
        var nextKey = next < 0 ? float.NegativeInfinity : key[next];
        for (var v = start; v < n; v++)
        {
            var w = row[v];
            if (w > key[v] || (w == key[v] && current < from[v]))
            {
                key[v] = w;
                from[v] = current;
            }

            if (key[v] > nextKey || (next < 0 && !float.IsNaN(key[v])))
            {
                next = v;
                nextKey = key[v];
            }
        }

        return next;
    }

    private static unsafe int RelaxAndSelectVector(float* row, int current, float* key, int* from, int n)
    {
        var currentVector = Vector256.Create(current);
        var index = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var step = Vector256.Create(Width);
        var maxKey = Vector256.Create(float.NegativeInfinity);
        var maxIndex = Vector256.Create(-1);
        var v = 0;
        for (; v + Width <= n; v += Width)
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
            maxIndex = Vector256.ConditionalSelect(larger.AsInt32(), index, maxIndex);
            index += step;
        }

        // Largest key over lanes; among lanes holding it, the lowest vertex index (each lane kept its lowest).
        var next = -1;
        var top = float.NegativeInfinity;
        for (var lane = 0; lane < Width; lane++)
        {
            var laneIndex = maxIndex.GetElement(lane);
            var laneKey = maxKey.GetElement(lane);
            if (laneIndex >= 0 && (next < 0 || laneKey > top || (laneKey == top && laneIndex < next)))
            {
                next = laneIndex;
                top = laneKey;
            }
        }

        return v < n ? RelaxAndSelectScalar(row, current, key, from, v, n, next) : next;
    }
}
