namespace Orchestrator.Sweeps;

/// <summary>
/// A JSON property name as it appears in an error's path: an empty key is shown as <c>""</c> (an empty path names
/// nothing), and a name longer than a sweep name is quoted in bounded form (never echo unbounded input).
/// </summary>
internal static class JsonPathName
{
    /// <summary>The path segment for <paramref name="name"/>.</summary>
    public static string Of(string name) =>
        name.Length == 0 ? "\"\"" : name.Length <= SweepLimits.MaxNameLength ? name : BoundedQuote.Of(name);
}
