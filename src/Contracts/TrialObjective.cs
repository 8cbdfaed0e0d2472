namespace Orchestrator.Contracts;

/// <summary>The objective a search trial measured on its hold-out after one epoch.</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Value">The objective's value.</param>
[GenerateSerializer]
[Immutable]
public sealed record TrialObjective([property: Id(0)] string TrialId, [property: Id(1)] int Epoch, [property: Id(2)] double Value);
