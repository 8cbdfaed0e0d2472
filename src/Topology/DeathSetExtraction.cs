namespace Orchestrator.Topology;

/// <summary>
/// Builds the sorted death set — every strict-upper-triangle weight that is not a spanning-tree edge —
/// directly in its final array, in parallel. Auxiliary memory for N deaths: O(n) plus at most about
/// N/16 words per core and 2^16 · (cores + 1) words (a few per cent of the death array at large n).
/// </summary>
/// <remarks>
/// Three passes. (1) Each chunk of rows counts the order-preserving keys (<see cref="OrderedFloatSort"/>)
/// of its deaths by their top <c>b</c> bits (8 ≤ b ≤ 16, from the number of deaths). (2) Consecutive
/// prefixes are grouped into buckets of at most N/32 (≤ <see cref="MaxBucketCapacity"/>) keys, a monotone
/// map, and each chunk scatters its keys straight from the matrix into its slots of those buckets: the
/// copy out of W is also the first, fully parallel, radix pass. (3) Each bucket is sorted in cache by an
/// LSD radix sort through a per-thread scratch as long as the largest bucket but at most N/16
/// (≤ <see cref="MaxScratch"/>) keys — a larger bucket is a single prefix and is sorted in place by MSD —
/// and decoded back to floats.
/// </remarks>
internal static class DeathSetExtraction
{
    /// <summary>The most keys grouped into one multi-prefix bucket, for large death sets.</summary>
    public const int MaxBucketCapacity = 16384;

    /// <summary>The largest per-thread LSD scratch (keys, 1 MiB); a single-prefix bucket beyond the scratch is sorted in place.</summary>
    public const int MaxScratch = 1 << 18;

    /// <summary>Returns the sorted deaths of the dense row-major <paramref name="values"/> for the tree given by <paramref name="parent"/>.</summary>
    public static unsafe float[] Build(float[] values, int n, int[] parent)
    {
        var deaths = GC.AllocateUninitializedArray<float>((int)BirthDeathDecomposition.DeathCount(n));
        fixed (float* matrix = values)
        {
            Build(new DenseRows(matrix, n), n, parent, deaths);
        }

        return deaths;
    }

    /// <summary>
    /// Fills <paramref name="deaths"/> (length n(n−1)/2 − (n−1), whose previous contents are ignored)
    /// with the sorted deaths of the graph whose upper rows <paramref name="rows"/> provides (only
    /// <see cref="IPrimRows.Above"/> is read).
    /// </summary>
    public static void Build<TRows>(TRows rows, int n, int[] parent, float[] deaths)
        where TRows : struct, IPrimRows
    {
        var count = deaths.Length;
        if (count == 0)
        {
            return;
        }

        var tree = new TreeEdgeIndex(parent);
        // Auxiliary memory scales with the death count (a few per cent of it at large n) and is bounded.
        var prefixBits = Math.Clamp(BitLength(count) - 5, 8, 16);
        var capacity = Math.Clamp(count / 32, 1024, MaxBucketCapacity);
        var scratchLimit = Math.Clamp(count / 16, capacity, MaxScratch);
        var shift = 32 - prefixBits;
        var prefixes = 1 << prefixBits;
        var chunks = RowChunks(n, count < (1 << 18) ? 1 : Environment.ProcessorCount);
        var chunkCount = chunks.Length - 1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };

        var histograms = new int[chunkCount * prefixes];
        Parallel.For(0, chunkCount, options, c => Count(rows, n, tree, chunks[c], chunks[c + 1], shift, histograms.AsSpan(c * prefixes, prefixes)));

        // Group prefixes into buckets; turn each chunk's prefix counts into its write offsets per bucket.
        var bucketOf = new int[prefixes];
        var bucketStarts = new List<int> { 0 };
        var fill = 0;
        var total = 0;
        for (var p = 0; p < prefixes; p++)
        {
            var inPrefix = 0;
            for (var c = 0; c < chunkCount; c++)
            {
                inPrefix += histograms[(c * prefixes) + p];
            }

            if (fill > 0 && fill + inPrefix > capacity)
            {
                bucketStarts.Add(total);
                fill = 0;
            }

            bucketOf[p] = bucketStarts.Count - 1;
            fill += inPrefix;
            total += inPrefix;
        }

        bucketStarts.Add(total);
        var buckets = bucketStarts.Count - 1;
        var offsets = new int[chunkCount * buckets];
        for (var p = 0; p < prefixes; p++)
        {
            for (var c = 0; c < chunkCount; c++)
            {
                offsets[(c * buckets) + bucketOf[p]] += histograms[(c * prefixes) + p];
            }
        }

        for (var b = 0; b < buckets; b++)
        {
            var running = bucketStarts[b];
            for (var c = 0; c < chunkCount; c++)
            {
                var inChunk = offsets[(c * buckets) + b];
                offsets[(c * buckets) + b] = running;
                running += inChunk;
            }
        }

        Parallel.For(0, chunkCount, options, c => Scatter(rows, n, tree, chunks[c], chunks[c + 1], shift, bucketOf, offsets.AsSpan(c * buckets, buckets), deaths));

        var largestFirst = Enumerable.Range(0, buckets).OrderByDescending(b => bucketStarts[b + 1] - bucketStarts[b]).ToArray();
        var largest = bucketStarts[largestFirst[0] + 1] - bucketStarts[largestFirst[0]];
        var scratchLength = Math.Min(largest, scratchLimit);
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(largestFirst, loadBalance: true),
            options,
            () => new uint[scratchLength],
            (b, _, scratch) =>
            {
                var keys = System.Runtime.InteropServices.MemoryMarshal.Cast<float, uint>(deaths.AsSpan(bucketStarts[b], bucketStarts[b + 1] - bucketStarts[b]));
                if (keys.Length <= scratch.Length)
                {
                    OrderedFloatSort.SortThrough(keys, scratch);
                }
                else
                {
                    OrderedFloatSort.SortInPlace(keys, (shift - 1) / 8 * 8); // byte-aligned digits down to bit 0 cover the bits below the prefix
                }

                return scratch;
            },
            _ => { });
    }

    private static int BitLength(int value) => 32 - int.LeadingZeroCount(value);

    // Row boundaries splitting the upper triangle's rows 0…n−2 into about `parts` chunks of equal size.
    private static int[] RowChunks(int n, int parts)
    {
        var boundaries = new List<int> { 0 };
        var total = ConnectomeMatrix.UpperTriangleLength(n);
        long done = 0;
        for (var i = 0; i < n - 1; i++)
        {
            done += n - 1 - i;
            if (done * parts >= total * boundaries.Count && i + 1 < n - 1)
            {
                boundaries.Add(i + 1);
            }
        }

        boundaries.Add(n - 1);
        return [.. boundaries];
    }

    private static unsafe void Count<TRows>(TRows rows, int n, TreeEdgeIndex tree, int firstRow, int endRow, int shift, Span<int> histogram)
        where TRows : struct, IPrimRows
    {
        fixed (int* counts = histogram)
        {
            for (var i = firstRow; i < endRow; i++)
            {
                var row = rows.Above(i);
                var from = i + 1;
                foreach (var column in tree.Columns(i))
                {
                    CountSegment(row + from, column - from, shift, counts);
                    from = column + 1;
                }

                CountSegment(row + from, n - from, shift, counts);
            }
        }
    }

    private static unsafe void CountSegment(float* segment, int length, int shift, int* counts)
    {
        var bits = (int*)segment;
        for (var k = 0; k < length; k++)
        {
            counts[(uint)OrderedFloatSort.EncodeBits(bits[k]) >> shift]++;
        }
    }

    private static unsafe void Scatter<TRows>(TRows rows, int n, TreeEdgeIndex tree, int firstRow, int endRow, int shift, int[] bucketOf, Span<int> offsets, float[] deaths)
        where TRows : struct, IPrimRows
    {
        fixed (int* bucket = bucketOf)
        fixed (int* offset = offsets)
        fixed (float* destination = deaths)
        {
            var keys = (int*)destination;
            for (var i = firstRow; i < endRow; i++)
            {
                var row = rows.Above(i);
                var from = i + 1;
                foreach (var column in tree.Columns(i))
                {
                    ScatterSegment(row + from, column - from, shift, bucket, offset, keys);
                    from = column + 1;
                }

                ScatterSegment(row + from, n - from, shift, bucket, offset, keys);
            }
        }
    }

    private static unsafe void ScatterSegment(float* segment, int length, int shift, int* bucketOf, int* offsets, int* keys)
    {
        var bits = (int*)segment;
        for (var k = 0; k < length; k++)
        {
            var key = OrderedFloatSort.EncodeBits(bits[k]);
            keys[offsets[bucketOf[(uint)key >> shift]]++] = key;
        }
    }
}
