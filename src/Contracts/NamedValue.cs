namespace Orchestrator.Contracts;

/// <summary>
/// One named setting as text (a sampler's or scheduler's parameter, a search trial's sampled value). Kept in
/// arrays rather than dictionaries: grain storage's JSON cannot read back a non-empty immutable dictionary.
/// </summary>
/// <param name="Name">The setting's name.</param>
/// <param name="Value">Its value as written in a sweep file (numbers in the invariant culture).</param>
[GenerateSerializer]
[Immutable]
public sealed record NamedValue([property: Id(0)] string Name, [property: Id(1)] string Value);
