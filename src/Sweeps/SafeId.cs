namespace Orchestrator.Sweeps;

/// <summary>
/// The one grammar for ids that become folder or file names (sweep ids, trial ids): 1 to
/// <see cref="MaxLength"/> characters of lower-case ASCII letters, digits and dashes, starting and ending with
/// a letter or digit. Nothing else reaches a path: no dots, no separators, nothing absolute.
/// </summary>
public static class SafeId
{
    /// <summary>Longest id, in characters.</summary>
    public const int MaxLength = SweepLimits.MaxNameLength;

    /// <summary>True when <paramref name="id"/> follows the grammar.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id[0] == '-' || id[^1] == '-')
        {
            return false;
        }

        foreach (var ch in id)
        {
            if (!(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The problem with <paramref name="id"/> in words, or null when it follows the grammar.</summary>
    public static string? Problem(string? id) => IsValid(id)
        ? null
        : $"must be 1 to {MaxLength} lower-case ASCII letters, digits and dashes, starting and ending with a letter or digit (got {BoundedQuote.Of(id)})";

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="field"/> when <paramref name="id"/> breaks the grammar.</summary>
    public static string Require(string? id, string field)
    {
        if (Problem(id) is { } problem)
        {
            throw new ArgumentException($"{field}: {problem}", field);
        }

        return id!;
    }
}
