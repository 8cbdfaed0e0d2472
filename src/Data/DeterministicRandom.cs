namespace Orchestrator.Data;

/// <summary>
/// SplitMix64: a tiny, fully specified PRNG, so that a seed selects the same subset, split, probe
/// set, initial weights and batch order on every machine and runtime (System.Random's algorithm is
/// unspecified). Its whole state is one <see cref="ulong"/>, which checkpoints store.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _state;

    /// <summary>Starts the stream for <paramref name="seed"/> and a purpose-specific <paramref name="stream"/>.</summary>
    public DeterministicRandom(long seed, ulong stream = 0)
    {
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ (stream * 0xD1B54A32D192ED03UL) ^ 0x243F6A8885A308D3UL;
    }

    /// <summary>The complete generator state (for checkpoints).</summary>
    public ulong State
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        var bound = (ulong)maxExclusive;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong r;
        do
        {
            r = NextUInt64();
        }
        while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..<paramref name="count"/>-1.</summary>
    public int[] Permutation(int count)
    {
        var p = new int[count];
        for (var i = 0; i < count; i++)
        {
            p[i] = i;
        }

        Shuffle(p.AsSpan());
        return p;
    }
}
