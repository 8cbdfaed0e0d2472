namespace Orchestrator.Sweeps;

/// <summary>
/// Quotes user input for an error message, cut to a bounded length (with the full length said) and with control
/// characters shown as '?', so a 50 MB value never becomes a 50 MB error line.
/// </summary>
public static class BoundedQuote
{
    /// <summary>An input quoted for a message, cut to a bounded length so a huge input is never echoed whole.</summary>
    public static string Of(string? text)
    {
        const int shown = 80;
        if (text is null)
        {
            return "null";
        }

        var cut = text.Length > shown ? text[..shown] + $"… ({text.Length} characters)" : text;
        var printable = new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return $"'{printable}'";
    }
}
