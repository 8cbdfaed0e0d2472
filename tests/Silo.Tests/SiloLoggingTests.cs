using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Silo.Tests;

public sealed class SiloLoggingTests
{
    [Fact]
    public void The_watchdogs_participant_check_warning_is_filtered_but_its_errors_and_our_information_show()
    {
        using var services = new ServiceCollection().AddLogging(logging => logging.ConfigureSiloLogging()).BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();
        var watchdog = factory.CreateLogger(SiloLogging.WatchdogCategory);
        Assert.False(watchdog.IsEnabled(LogLevel.Warning));
        Assert.True(watchdog.IsEnabled(LogLevel.Error));
        Assert.True(factory.CreateLogger("Orchestrator.Grains.TrainingRunGrain").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Orleans.Runtime.MembershipService").IsEnabled(LogLevel.Warning));
    }
}
