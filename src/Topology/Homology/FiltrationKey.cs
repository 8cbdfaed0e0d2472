namespace Orchestrator.Topology.Homology;

/// <summary>
/// Packs a simplex's diameter and its combinatorial index into one 64-bit key whose unsigned order is the
/// filtration order: diameter ascending, ties broken by index descending (the reverse colexicographic
/// order Ripser uses, so the cofacet enumerated first among equal diameters is the earliest).
/// </summary>
/// <remarks>
/// The high 32 bits are the float's order-preserving key (<see cref="OrderedFloatSort.EncodeBits"/>, the one
/// definition of that encoding); the low 32 bits are the bitwise complement of the index, so indices must be
/// below 2³².
/// </remarks>
internal static class FiltrationKey
{
    public static ulong Of(float diameter, uint index) =>
        ((ulong)(uint)OrderedFloatSort.EncodeBits(BitConverter.SingleToInt32Bits(diameter)) << 32) | ~index;

    public static float Diameter(ulong key) => BitConverter.Int32BitsToSingle(OrderedFloatSort.DecodeBits((int)(key >> 32)));

    public static uint Index(ulong key) => ~(uint)key;
}
