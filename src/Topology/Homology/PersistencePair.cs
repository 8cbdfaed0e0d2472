namespace Orchestrator.Topology.Homology;

/// <summary>
/// One point of a persistence diagram: a homology class born at <paramref name="Birth"/> that dies at
/// <paramref name="Death"/> (a filtration value, here a distance 1 − |w|). An essential class, which
/// never dies, has <see cref="float.PositiveInfinity"/> as its death.
/// </summary>
/// <param name="Birth">The filtration value at which the class appears.</param>
/// <param name="Death">The filtration value at which it dies; +∞ for an essential class.</param>
public readonly record struct PersistencePair(float Birth, float Death) : IComparable<PersistencePair>
{
    /// <summary>True for a class that never dies.</summary>
    public bool IsEssential => float.IsPositiveInfinity(Death);

    /// <summary>Death − birth (+∞ for an essential class).</summary>
    public float Persistence => Death - Birth;

    /// <summary>Orders by birth, then death: the order diagrams are stored and printed in.</summary>
    public int CompareTo(PersistencePair other)
    {
        var byBirth = Birth.CompareTo(other.Birth);
        return byBirth != 0 ? byBirth : Death.CompareTo(other.Death);
    }
}
