using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Grains;

namespace Orchestrator.Silo.Tests;

/// <summary>The silo's --connectomes-kept and --per-trial-metrics: validated before the silo starts, and handed to the grains' options.</summary>
public sealed class DashboardDataOptionsTests
{
    [Theory]
    [InlineData("-1", "error: --connectomes-kept -1 is out of range: give 0–10000 (default 20)")]
    [InlineData("10001", "error: --connectomes-kept 10001 is out of range")]
    [InlineData("many", "error: Cannot parse argument 'many' for option '--connectomes-kept'")]
    public async Task A_bad_connectomes_kept_stops_the_silo_with_exit_code_2(string value, string expected)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { BuiltWorker.Dll(), "silo", "--connectomes-kept", value, "--port", "0", "--stop-with-stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith(expected, (await stderr).Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flags_reach_the_grains_options()
    {
        var options = OptionsFrom("silo", "--connectomes-kept", "7", "--per-trial-metrics");

        Assert.Equal(7, options.ConnectomesKept);
        Assert.True(options.PerTrialMetrics);
    }

    [Fact]
    public void Without_the_flags_the_grains_keep_their_defaults()
    {
        var options = OptionsFrom("silo");

        Assert.Equal(OrchestratorOptions.DefaultConnectomesKept, options.ConnectomesKept);
        Assert.False(options.PerTrialMetrics);
    }

    /// <summary>Parses the verb's command line, applies the flags and wires the grains as the silo does.</summary>
    private static OrchestratorOptions OptionsFrom(params string[] args)
    {
        var flags = new DashboardDataOptions();
        var command = new System.CommandLine.Command("silo");
        flags.AddTo(command);
        var parse = command.Parse(args[1..]);
        Assert.Empty(parse.Errors);
        var (settings, error) = flags.Apply(parse, new SiloHostSettings { SiloPort = 1, GatewayPort = 2, CheckpointDirectory = Path.GetTempPath() });
        Assert.Null(error);
        var services = new ServiceCollection();
        new ServicesAsSiloBuilder(services).AddOrchestratorGrains(settings!);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
    }

    private sealed class ServicesAsSiloBuilder(IServiceCollection services) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
