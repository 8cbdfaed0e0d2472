using Orchestrator.Contracts;

namespace Orchestrator.Sweeps;

/// <summary>The outcome of reading a sweep file: a definition, or every error found.</summary>
/// <param name="Definition">The sweep when there are no errors.</param>
/// <param name="Errors">Every problem found (empty when valid).</param>
public sealed record SweepFileResult(SweepDefinition? Definition, IReadOnlyList<SweepValidationError> Errors)
{
    /// <summary>True when the file is a valid sweep.</summary>
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
