using Orchestrator.Contracts;
using Orchestrator.Training;

namespace Orchestrator.Trials;

/// <summary>The result of <see cref="TrialEngine.RunAsync"/>.</summary>
/// <param name="End">How the run ended.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="StopEpoch">The last epoch trained (0 when cancelled before the first).</param>
/// <param name="BestEpoch">The epoch the criterion considered best at the end (0: it has not seen a signal yet).</param>
/// <param name="Records">Every epoch's record, the resumed history first; a diverged epoch's record ends the list.</param>
/// <param name="Test">Test loss and accuracy at the stop epoch (null when diverged, or cancelled without a test).</param>
public sealed record TrialOutcome(TrialEnd End, string Reason, int StopEpoch, int BestEpoch, IReadOnlyList<EpochRecord> Records, EvaluationResult? Test)
{
    /// <summary>
    /// Epochs trained past the stop while its decision was being computed (concurrent monitoring), then undone:
    /// the session was restored to the stop epoch, so <see cref="Test"/> and the checkpoint are the model at the stop.
    /// </summary>
    public int SpeculativeEpochs { get; init; }
}
