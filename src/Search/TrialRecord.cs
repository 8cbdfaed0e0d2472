namespace Orchestrator.Search;

/// <summary>
/// One trial of a search as the sampler and the scheduler see it: what was proposed, where it stands, and
/// the objective it reported step by step. Built from the persisted trial history, which is what makes a
/// search resumable after a failover.
/// </summary>
/// <param name="Number">The trial's position in the search, from 0 (the order it was proposed in).</param>
/// <param name="Parameters">The configuration it was given.</param>
/// <param name="State">Running, completed, pruned or failed.</param>
/// <param name="Objective">The final objective of a completed trial; null otherwise.</param>
public sealed record TrialRecord(int Number, Configuration Parameters, TrialState State, double? Objective = null)
{
    /// <summary>The objective per step, put in step order on assignment (empty when it has reported nothing).</summary>
    public IReadOnlyList<ObjectiveReport> Reports
    {
        get;
        init => field = [.. (value ?? throw new ArgumentNullException(nameof(value))).OrderBy(r => r.Step)];
    } = [];

    /// <summary>The last report, or null.</summary>
    public ObjectiveReport? LastReport => Reports.Count == 0 ? null : Reports[^1];

    /// <summary>The value reported at exactly <paramref name="step"/>, or null.</summary>
    public double? ValueAt(int step) => Reports.FirstOrDefault(r => r.Step == step)?.Value;

    /// <summary>Whether it reported a value at <paramref name="step"/> or later.</summary>
    public bool Reached(int step) => Reports.Any(r => r.Step >= step);

    /// <summary>The best finite value reported at steps ≤ <paramref name="step"/>, or null.</summary>
    public double? BestUpTo(int step, ObjectiveDirection direction)
    {
        double? best = null;
        foreach (var report in Reports.Where(r => r.Step <= step && double.IsFinite(r.Value)))
        {
            if (best is not double b || direction.IsBetter(report.Value, b))
            {
                best = report.Value;
            }
        }

        return best;
    }

    /// <inheritdoc />
    public bool Equals(TrialRecord? other) =>
        other is not null && Number == other.Number && Parameters == other.Parameters && State == other.State
        && Objective == other.Objective && Reports.SequenceEqual(other.Reports);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, Parameters, State, Objective, Reports.Count);
}
