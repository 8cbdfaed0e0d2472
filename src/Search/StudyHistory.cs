namespace Orchestrator.Search;

/// <summary>
/// Everything a sampler or scheduler may know about a search: the objective's direction and every trial so
/// far (running, completed, pruned, failed). Samplers and schedulers are pure functions of it (plus the
/// seed), so a coordinator that fails over and rebuilds it from storage continues the same search.
/// </summary>
/// <param name="Direction">Whether larger or smaller objectives are better.</param>
/// <param name="Trials">The trials, in any order (ordered by <see cref="TrialRecord.Number"/> on construction).</param>
public sealed record StudyHistory(ObjectiveDirection Direction, IReadOnlyList<TrialRecord> Trials)
{
    /// <summary>The trials by <see cref="TrialRecord.Number"/>.</summary>
    /// <exception cref="ArgumentException">Two trials share a number (the numbers are what a failover replays by).</exception>
    public IReadOnlyList<TrialRecord> Trials { get; } = Ordered(Trials);

    /// <summary>An empty search.</summary>
    public static StudyHistory Empty(ObjectiveDirection direction) => new(direction, []);

    /// <summary>The number the next proposed trial gets: one past the largest so far.</summary>
    public int NextTrialNumber => Trials.Count == 0 ? 0 : Trials[^1].Number + 1;

    /// <summary>This history with <paramref name="trial"/> added or replacing the trial of the same number.</summary>
    public StudyHistory With(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new StudyHistory(Direction, [.. Trials.Where(t => t.Number != trial.Number), trial]);
    }

    private static TrialRecord[] Ordered(IReadOnlyList<TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        TrialRecord[] ordered = [.. trials.OrderBy(t => t.Number)];
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Number == ordered[i - 1].Number)
            {
                throw new ArgumentException($"two trials are numbered {ordered[i].Number}; trial numbers must be distinct.", nameof(trials));
            }
        }

        return ordered;
    }

    /// <inheritdoc />
    public bool Equals(StudyHistory? other) =>
        other is not null && Direction == other.Direction && Trials.SequenceEqual(other.Trials);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Direction, Trials.Count);
}
