namespace Orchestrator.Topology.Homology;

/// <summary>
/// The column being reduced, held implicitly as a binary min-heap of filtration keys of cofacets with
/// multiplicity (Ripser's "working coboundary"). Coefficients are in Z/2, so an entry present an even
/// number of times is absent: the pivot is found by popping equal keys in pairs.
/// </summary>
internal sealed class WorkingCoboundary
{
    // Below this many entries (2 MiB) the heap just doubles: compacting small heaps costs more than it saves.
    private const int CompactFrom = 1 << 18;

    private ulong[] _items = new ulong[1024];
    private int _count;

    public void Clear() => _count = 0;

    public void Push(ulong key)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        var items = _items;
        var k = _count++;
        while (k > 0)
        {
            var parent = (k - 1) >> 1;
            if (items[parent] <= key)
            {
                break;
            }

            items[k] = items[parent];
            k = parent;
        }

        items[k] = key;
    }

    /// <summary>
    /// The earliest key with odd multiplicity (left in the heap), or false when the column is zero.
    /// Cancelled pairs are removed on the way.
    /// </summary>
    public bool TryGetPivot(out ulong pivot)
    {
        while (_count > 0)
        {
            var top = _items[0];
            RemoveTop();
            if (_count > 0 && _items[0] == top)
            {
                RemoveTop();
                continue;
            }

            Push(top);
            pivot = top;
            return true;
        }

        pivot = 0;
        return false;
    }

    /// <summary>
    /// When full and large, first cancels pairs: a long reduction piles up many copies of the same cofacets, and the
    /// Z/2 column is usually far smaller than the heap. A sorted array is a valid min-heap, so sorting,
    /// dropping even runs and compacting keeps the heap order. Doubles only if that frees less than half.
    /// </summary>
    private void Grow()
    {
        if (_items.Length < CompactFrom)
        {
            Array.Resize(ref _items, _items.Length * 2);
            return;
        }

        var span = _items.AsSpan(0, _count);
        span.Sort();
        var kept = 0;
        for (var k = 0; k < span.Length;)
        {
            var run = k + 1;
            while (run < span.Length && span[run] == span[k])
            {
                run++;
            }

            if (((run - k) & 1) == 1)
            {
                span[kept++] = span[k];
            }

            k = run;
        }

        _count = kept;
        if (_count > _items.Length / 2)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
    }

    private void RemoveTop()
    {
        var items = _items;
        var last = items[--_count];
        var n = _count;
        var k = 0;
        while (true)
        {
            var child = (2 * k) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && items[child + 1] < items[child])
            {
                child++;
            }

            if (items[child] >= last)
            {
                break;
            }

            items[k] = items[child];
            k = child;
        }

        if (n > 0)
        {
            items[k] = last;
        }
    }
}
