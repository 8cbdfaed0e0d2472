namespace Orchestrator.Search;

/// <summary>One parameter a sampler or scheduler accepts by name (sweep files, CLI).</summary>
/// <param name="Name">The name as written in the file (e.g. <c>reductionFactor</c>).</param>
/// <param name="DefaultValue">The value used when it is not given, as text.</param>
/// <param name="Description">What it means and its allowed range, for help texts.</param>
public sealed record ComponentParameter(string Name, string DefaultValue, string Description);
