namespace Orchestrator.Search;

/// <summary>The objective a trial measured at one step (an epoch).</summary>
/// <param name="Step">The step, ≥ 1 (epochs count from 1).</param>
/// <param name="Value">The objective at that step.</param>
public sealed record ObjectiveReport(int Step, double Value);
