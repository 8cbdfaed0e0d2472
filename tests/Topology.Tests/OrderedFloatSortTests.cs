using Orchestrator.Topology;

namespace Orchestrator.Topology.Tests;

public sealed class OrderedFloatSortTests
{
    [Fact]
    public void Keys_follow_the_numeric_order_of_floats_including_negatives()
    {
        float[] ascending = [float.NegativeInfinity, -float.MaxValue, -1f, -float.Epsilon, -0f, 0f, float.Epsilon, 1e-30f, 0.5f, 1f, float.MaxValue, float.PositiveInfinity];
        var keys = new float[ascending.Length];

        OrderedFloatSort.Encode(ascending, keys);

        var unsigned = keys.Select(k => (uint)BitConverter.SingleToInt32Bits(k)).ToArray();
        for (var k = 1; k < unsigned.Length; k++)
        {
            Assert.True(unsigned[k - 1] < unsigned[k], $"key of {ascending[k - 1]} is not below key of {ascending[k]}");
        }

        Assert.All(ascending, v => Assert.Equal(BitConverter.SingleToInt32Bits(v), OrderedFloatSort.DecodeBits(OrderedFloatSort.EncodeBits(BitConverter.SingleToInt32Bits(v)))));
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(5000, 2)]
    [InlineData(100_000, 3)]
    public void In_place_msd_sort_matches_array_sort(int length, int seed)
    {
        var values = RandomValues(length, seed);
        var expected = (float[])values.Clone();
        Array.Sort(expected);

        OrderedFloatSort.Encode(values, values);
        OrderedFloatSort.SortInPlace(System.Runtime.InteropServices.MemoryMarshal.Cast<float, uint>(values.AsSpan()), 24);

        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData(50, 4)]
    [InlineData(3000, 5)]
    [InlineData(70_000, 6)]
    public void Lsd_sort_through_scratch_matches_array_sort(int length, int seed)
    {
        var values = RandomValues(length, seed);
        var expected = (float[])values.Clone();
        Array.Sort(expected);

        OrderedFloatSort.Encode(values, values);
        OrderedFloatSort.SortThrough(System.Runtime.InteropServices.MemoryMarshal.Cast<float, uint>(values.AsSpan()), new uint[length]);

        Assert.Equal(expected, values);
    }

    // Mixed signs and magnitudes with many exact duplicates.
    private static float[] RandomValues(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length)
            .Select(_ => random.Next(5) switch
            {
                0 => random.Next(4) - 2f,
                1 => (float)(random.NextDouble() * 1e-20),
                2 => -random.NextSingle(),
                _ => random.NextSingle() * 1000,
            })
            .ToArray();
    }
}
