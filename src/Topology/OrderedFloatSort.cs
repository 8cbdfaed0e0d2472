using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Orchestrator.Topology;

/// <summary>
/// Radix sorts of single-precision values on order-preserving integer keys: an in-place MSD sort
/// (American flag sort, 8-bit digits, O(1) extra memory) and an LSD sort through a small scratch
/// buffer for cache-sized ranges.
/// </summary>
/// <remarks>
/// The key of a float is its bit pattern with the sign bit flipped for non-negative values and all
/// bits flipped for negative values; unsigned key order is then numeric order for every non-NaN float,
/// negative values included (−0 sorts just before +0; they compare equal as floats). Values are encoded
/// into keys by <see cref="Encode"/> (typically fused into the copy that fills the array); the sorts
/// decode each finished range back to floats in place.
/// </remarks>
internal static class OrderedFloatSort
{
    private const int Radix = 256;
    // Below this a comparison sort beats another radix pass (its 256-entry tables no longer pay off).
    private const int SmallRange = 96;

    // LSD digits of at most 11 bits: 2048 counters (8 KiB) per digit stay in L1.
    private const int MaxDigitBits = 11;

    /// <summary>Writes the order-preserving key of each value of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Encode(ReadOnlySpan<float> source, Span<float> destination)
    {
        var from = MemoryMarshal.Cast<float, int>(source);
        var to = MemoryMarshal.Cast<float, int>(destination);
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sign = Vector256.Create(int.MinValue);
            for (; k + Vector256<int>.Count <= from.Length; k += Vector256<int>.Count)
            {
                var bits = Vector256.Create(from.Slice(k, Vector256<int>.Count));
                (bits ^ (Vector256.ShiftRightArithmetic(bits, 31) | sign)).CopyTo(to.Slice(k, Vector256<int>.Count));
            }
        }

        for (; k < from.Length; k++)
        {
            to[k] = EncodeBits(from[k]);
        }
    }

    /// <summary>The key of one float's bit pattern (see the remarks on the type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int EncodeBits(int bits) => bits ^ ((bits >> 31) | int.MinValue);

    /// <summary>The float bit pattern of one key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DecodeBits(int key) => key ^ (~(key >> 31) | int.MinValue);

    /// <summary>
    /// Sorts keys in place (MSD from the 8-bit digit at <paramref name="shift"/>, a multiple of 8, down
    /// to bit 0; O(1) extra memory) and decodes them to floats; the keys must agree on the bits above the digit.
    /// </summary>
    public static void SortInPlace(Span<uint> keys, int shift)
    {
        if (shift >= 0 && keys.Length > SmallRange)
        {
            Span<int> counts = stackalloc int[Radix];
            Partition(keys, shift, counts);
            var offset = 0;
            for (var b = 0; b < Radix; b++)
            {
                if (counts[b] > 0)
                {
                    SortInPlace(keys.Slice(offset, counts[b]), shift - 8);
                    offset += counts[b];
                }
            }

            return;
        }

        if (shift >= 0)
        {
            keys.Sort();
        }

        Decode(keys);
    }

    // American flag sort pass: counts the digit at `shift`, then cycles every key into its bucket.
    private static void Partition(Span<uint> keys, int shift, Span<int> counts)
    {
        counts.Clear();
        foreach (var key in keys)
        {
            counts[(int)((key >> shift) & 0xFF)]++;
        }

        Span<int> heads = stackalloc int[Radix];
        Span<int> ends = stackalloc int[Radix];
        var sum = 0;
        for (var b = 0; b < Radix; b++)
        {
            if (counts[b] == keys.Length)
            {
                return;
            }

            heads[b] = sum;
            sum += counts[b];
            ends[b] = sum;
        }

        for (var b = 0; b < Radix; b++)
        {
            while (heads[b] < ends[b])
            {
                var value = keys[heads[b]];
                var digit = (int)((value >> shift) & 0xFF);
                while (digit != b)
                {
                    (value, keys[heads[digit]]) = (keys[heads[digit]], value);
                    heads[digit]++;
                    digit = (int)((value >> shift) & 0xFF);
                }

                keys[heads[b]++] = value;
            }
        }
    }

    /// <summary>
    /// Sorts keys with an LSD radix sort through <paramref name="scratch"/> (at least as long) and
    /// decodes them to floats in place. The digits cover only the bits in which the keys differ
    /// (key − min), split into at most 11-bit digits, so a cache-sized range of close keys takes two passes.
    /// </summary>
    public static unsafe void SortThrough(Span<uint> keys, Span<uint> scratch)
    {
        var length = keys.Length;
        if (length <= SmallRange)
        {
            keys.Sort();
            Decode(keys);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, length);
        fixed (uint* keyPointer = keys)
        fixed (uint* scratchPointer = scratch)
        {
            var minVector = Vector256.Create(uint.MaxValue);
            var maxVector = Vector256<uint>.Zero;
            var k0 = 0;
            for (; k0 + Vector256<uint>.Count <= length; k0 += Vector256<uint>.Count)
            {
                var v = Vector256.Load(keyPointer + k0);
                minVector = Vector256.Min(minVector, v);
                maxVector = Vector256.Max(maxVector, v);
            }

            var min = uint.MaxValue;
            var max = uint.MinValue;
            for (var lane = 0; lane < Vector256<uint>.Count; lane++)
            {
                min = Math.Min(min, minVector.GetElement(lane));
                max = Math.Max(max, maxVector.GetElement(lane));
            }

            for (; k0 < length; k0++)
            {
                min = Math.Min(min, keyPointer[k0]);
                max = Math.Max(max, keyPointer[k0]);
            }

            if (min == max)
            {
                Decode(keys);
                return;
            }

            var bits = 32 - (int)uint.LeadingZeroCount(max - min);
            var passes = (bits + MaxDigitBits - 1) / MaxDigitBits;
            var width = (bits + passes - 1) / passes;
            var mask = (1u << width) - 1;
            var radix = 1 << width;
            Span<int> countSpan = stackalloc int[passes * radix];
            countSpan.Clear();
            fixed (int* counts = countSpan)
            {
                if (passes == 2)
                {
                    var high = counts + radix;
                    for (var k = 0; k < length; k++)
                    {
                        var d = keyPointer[k] - min;
                        counts[d & mask]++;
                        high[d >> width]++;
                    }
                }
                else
                {
                    for (var k = 0; k < length; k++)
                    {
                        var d = keyPointer[k] - min;
                        for (var p = 0; p < passes; p++)
                        {
                            counts[(p * radix) + (int)((d >> (p * width)) & mask)]++;
                        }
                    }
                }

                var source = keyPointer;
                var destination = scratchPointer;
                for (var p = 0; p < passes; p++)
                {
                    var count = counts + (p * radix);
                    var sum = 0;
                    for (var b = 0; b < radix; b++)
                    {
                        var c = count[b];
                        count[b] = sum;
                        sum += c;
                    }

                    var shift = p * width;
                    for (var k = 0; k < length; k++)
                    {
                        var key = source[k];
                        destination[count[(int)(((key - min) >> shift) & mask)]++] = key;
                    }

                    var swap = source;
                    source = destination;
                    destination = swap;
                }

                if (source != keyPointer)
                {
                    for (var k = 0; k < length; k++)
                    {
                        keyPointer[k] = (uint)DecodeBits((int)source[k]);
                    }

                    return;
                }
            }
        }

        Decode(keys);
    }

    private static void Decode(Span<uint> keys)
    {
        var bits = MemoryMarshal.Cast<uint, int>(keys);
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sign = Vector256.Create(int.MinValue);
            for (; k + Vector256<int>.Count <= bits.Length; k += Vector256<int>.Count)
            {
                var key = Vector256.Create(bits.Slice(k, Vector256<int>.Count));
                (key ^ (~Vector256.ShiftRightArithmetic(key, 31) | sign)).CopyTo(bits.Slice(k, Vector256<int>.Count));
            }
        }

        for (; k < bits.Length; k++)
        {
            bits[k] = DecodeBits(bits[k]);
        }
    }

}
