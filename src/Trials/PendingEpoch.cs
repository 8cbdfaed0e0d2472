using Orchestrator.Contracts;
using Orchestrator.Training;

namespace Orchestrator.Trials;

/// <summary>An epoch whose monitoring runs while the next epoch trains, with the model kept as it was at that epoch.</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Decision">Its record and decision, once the connectome, signals, criterion, checkpoint and report are done.</param>
/// <param name="Model">The model at <paramref name="Epoch"/>, restored when the decision is a stop.</param>
internal sealed record PendingEpoch(int Epoch, Task<TopologyDecision> Decision, TrainingStateCopy Model);
