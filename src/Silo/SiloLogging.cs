using Microsoft.Extensions.Logging;

namespace Orchestrator.Silo;

/// <summary>What a silo logs: warnings and errors of the runtime, and our own information.</summary>
internal static class SiloLogging
{
    /// <summary>
    /// The category of Orleans' watchdog, whose "Participant check thread has not completed for 00:24:20" warning
    /// only says the process was not scheduled for a while: a laptop that slept, or two cores saturated by
    /// training. It means nothing to a user and nothing is wrong; a silo that is really stuck is still declared
    /// dead by cluster membership, and the watchdog's errors still show.
    /// </summary>
    public const string WatchdogCategory = "Orleans.Runtime.Watchdog";

    public static ILoggingBuilder ConfigureSiloLogging(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Orchestrator", LogLevel.Information);
        logging.AddFilter(WatchdogCategory, LogLevel.Error);
        return logging;
    }
}
