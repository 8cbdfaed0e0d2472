namespace Orchestrator.Topology.Homology;

/// <summary>
/// The persistence diagram (barcode) of one homology dimension: its pairs sorted by (birth, death).
/// Zero-length pairs (birth = death) carry no information and are never stored.
/// </summary>
public sealed class PersistenceDiagram
{
    private readonly PersistencePair[] _pairs;

    /// <summary>Sorts <paramref name="pairs"/> by (birth, death) and drops zero-length pairs.</summary>
    /// <param name="dimension">The homology dimension (0: components, 1: cycles).</param>
    /// <param name="pairs">The pairs in any order.</param>
    /// <exception cref="ArgumentException">A pair has a NaN value or dies before it is born.</exception>
    public PersistenceDiagram(int dimension, IEnumerable<PersistencePair> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentNullException.ThrowIfNull(pairs);
        Dimension = dimension;
        var kept = new List<PersistencePair>();
        foreach (var pair in pairs)
        {
            if (float.IsNaN(pair.Birth) || float.IsNaN(pair.Death) || pair.Death < pair.Birth || float.IsInfinity(pair.Birth))
            {
                throw new ArgumentException(
                    $"pair ({pair.Birth}, {pair.Death}) is not a persistence pair: birth must be finite and death ≥ birth.", nameof(pairs));
            }

            if (pair.Death > pair.Birth)
            {
                kept.Add(pair);
            }
        }

        _pairs = [.. kept];
        Array.Sort(_pairs);
    }

    /// <summary>The homology dimension.</summary>
    public int Dimension { get; }

    /// <summary>The pairs, sorted by (birth, death).</summary>
    public IReadOnlyList<PersistencePair> Pairs => _pairs;

    /// <summary>Number of pairs.</summary>
    public int Count => _pairs.Length;

    /// <summary>The pairs with a finite death.</summary>
    public IEnumerable<PersistencePair> Finite => _pairs.Where(p => !p.IsEssential);

    /// <summary>The essential pairs (death +∞).</summary>
    public IEnumerable<PersistencePair> Essential => _pairs.Where(p => p.IsEssential);
}
