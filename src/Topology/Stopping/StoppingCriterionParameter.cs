namespace Orchestrator.Topology.Stopping;

/// <summary>One parameter a criterion accepts by name (CLI, sweep files).</summary>
/// <param name="Name">The name, as written in <c>name=value</c> (e.g. <c>window</c>).</param>
/// <param name="DefaultValue">The value used when the parameter is not given, as text.</param>
/// <param name="Description">What it means and its allowed range, for help texts.</param>
public sealed record StoppingCriterionParameter(string Name, string DefaultValue, string Description);
