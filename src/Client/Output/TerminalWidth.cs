using System.Globalization;

namespace Orchestrator.Client.Output;

/// <summary>How wide the CLI may print: <c>COLUMNS</c> when set (as shells and CI runners set it), else the terminal's width, else 80.</summary>
internal static class TerminalWidth
{
    public const int Default = 80;

    public static int Current => Resolve(Environment.GetEnvironmentVariable("COLUMNS"), ConsoleWidth());

    /// <summary>The width from a <c>COLUMNS</c> value and the console's width (0 when there is no console).</summary>
    public static int Resolve(string? columns, int consoleWidth) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnvironment) && fromEnvironment >= 20
            ? fromEnvironment
            : consoleWidth >= 20 ? consoleWidth : Default;

    private static int ConsoleWidth()
    {
        try
        {
            return Console.IsOutputRedirected ? 0 : Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
