namespace Orchestrator.Topology.Homology;

/// <summary>
/// Packs a simplex's diameter and its combinatorial index into one 64-bit key whose unsigned order is the
/// filtration order: diameter ascending, ties broken by index descending (the reverse colexicographic
/// order Ripser uses, so the cofacet enumerated first among equal diameters is the earliest).
/// </summary>
/// <remarks>
/// The high 32 bits are the float's bits mapped to an order-preserving unsigned integer; the low 32 bits
/// are the bitwise complement of the index, so indices must be below 2³².
/// </remarks>
internal static class FiltrationKey
{
    public static ulong Of(float diameter, uint index) => ((ulong)SortableBits(diameter) << 32) | ~index;

    public static float Diameter(ulong key) => FromSortableBits((uint)(key >> 32));

    public static uint Index(ulong key) => ~(uint)key;

    private static uint SortableBits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromSortableBits(uint sortable) =>
        BitConverter.UInt32BitsToSingle((sortable & 0x8000_0000u) != 0 ? sortable & 0x7FFF_FFFFu : ~sortable);
}
