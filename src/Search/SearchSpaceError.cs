namespace Orchestrator.Search;

/// <summary>One problem in a search space: the JSON path of the value and what is allowed there.</summary>
/// <param name="Path">JSON path, e.g. <c>space.lr.loguniform</c>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record SearchSpaceError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
