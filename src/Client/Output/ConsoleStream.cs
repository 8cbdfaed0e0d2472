namespace Orchestrator.Client.Output;

/// <summary>The raw standard output stream behind <see cref="Console.Out"/>, for writers of large UTF-8 output.</summary>
internal static class ConsoleStream
{
    private static Stream? _stdout;

    /// <summary>
    /// The raw stdout stream when <paramref name="writer"/> is the console's writer (flushed first, so earlier text
    /// stays in order), else null: a captured writer gets text.
    /// </summary>
    public static Stream? For(TextWriter writer)
    {
        if (!ReferenceEquals(writer, Console.Out))
        {
            return null;
        }

        writer.Flush();
        return _stdout ??= Console.OpenStandardOutput();
    }
}
