namespace Orchestrator.Search;

/// <summary>The outcome of reading a <c>space</c> block: the space, or every error found.</summary>
/// <param name="Space">The space when there are no errors; null otherwise.</param>
/// <param name="Errors">Every problem, at its JSON path (empty when valid).</param>
public sealed record SearchSpaceReadResult(SearchSpace? Space, IReadOnlyList<SearchSpaceError> Errors)
{
    /// <summary>True when the block is a valid space.</summary>
    public bool IsValid => Space is not null && Errors.Count == 0;
}
