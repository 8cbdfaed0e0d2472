namespace Orchestrator.Dashboard.Live;

/// <summary>One Server-Sent Event: its sweep, its kind (<c>trial</c>, <c>epoch</c>, <c>sweep</c>) and its JSON body, serialised once for every browser.</summary>
public sealed record LiveEvent(string SweepId, string Kind, string Json);
