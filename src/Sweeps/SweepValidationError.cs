namespace Orchestrator.Sweeps;

/// <summary>One problem in a sweep file: the JSON path of the value and what is allowed there.</summary>
/// <param name="Path">JSON path, e.g. <c>grid.lr[2]</c>.</param>
/// <param name="Message">What is wrong and what is allowed, e.g. <c>must be &gt; 0</c>.</param>
public sealed record SweepValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
