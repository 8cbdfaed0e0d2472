namespace Orchestrator.Data;

/// <summary>An unsigned-byte IDX array: its dimensions and its values in row-major order.</summary>
/// <param name="Dimensions">Sizes, outermost first (e.g. [60000, 28, 28] for images).</param>
/// <param name="Values">The bytes, row-major.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Values)
{
    /// <summary>The size of the first dimension (the number of items).</summary>
    public int Count => Dimensions[0];

    /// <summary>Values per item (product of all but the first dimension).</summary>
    public int ItemLength => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}
