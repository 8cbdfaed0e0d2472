namespace Orchestrator.Contracts;

/// <summary>Marker for the contracts assembly (grain interfaces and message records).</summary>
public static class ContractsAssembly;
