using Orchestrator.Contracts;

namespace Orchestrator.Trials;

/// <summary>One finished epoch, as the <see cref="TrialEngine"/> reports it.</summary>
/// <param name="Record">What was recorded.</param>
/// <param name="Decision">The criterion's answer (its reason is given every epoch, not only at the stop).</param>
/// <param name="CheckpointSaved">Whether the checkpoint now holds this epoch.</param>
/// <param name="Seconds">Wall time of the epoch: training, monitoring and checkpoint.</param>
public sealed record TrialEpoch(EpochRecord Record, TopologyDecision Decision, bool CheckpointSaved, double Seconds);
