using Orchestrator.Training;

namespace Orchestrator.Trials;

/// <summary>One trained epoch with what was read from the model before the next epoch could change it.</summary>
/// <param name="Snapshot">Losses, timings, the connectome or the probe's activations.</param>
/// <param name="Weights">
/// The fully connected layers' weights, read on the path (only for a criterion that reads neural persistence, when monitoring
/// is synchronous; handed off, they are read from <paramref name="Copy"/> beside the next epoch).
/// </param>
/// <param name="Copy">The model at this epoch (only when monitoring is handed off), disposed once its decision is known.</param>
/// <param name="Copying">Time spent reading <paramref name="Weights"/> and <paramref name="Copy"/>: on the training path.</param>
internal sealed record TrainedEpoch(EpochSnapshot Snapshot, IReadOnlyList<WeightMatrix>? Weights, TrainingStateCopy? Copy, TimeSpan Copying);
