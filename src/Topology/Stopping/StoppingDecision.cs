namespace Orchestrator.Topology.Stopping;

/// <summary>A criterion's answer after an epoch.</summary>
/// <param name="ShouldStop">True to end the run after this epoch.</param>
/// <param name="Reason">Why, in words a person can read in a table (empty while continuing without news).</param>
/// <param name="BestEpoch">The epoch the criterion currently considers best (its reference point), 0 if none yet.</param>
public sealed record StoppingDecision(bool ShouldStop, string Reason, int BestEpoch)
{
    /// <summary>
    /// The smoothed signal the criterion compared after this epoch (null for criteria that do not smooth,
    /// and before a full window): reports plot exactly what the rule saw.
    /// </summary>
    public double? SmoothedSignal { get; init; }

    /// <summary>Go on training.</summary>
    public static StoppingDecision Continue(int bestEpoch, string reason = "") => new(false, reason, bestEpoch);

    /// <summary>Stop after this epoch.</summary>
    public static StoppingDecision Stop(int bestEpoch, string reason) => new(true, reason, bestEpoch);
}
