namespace Orchestrator.Client.Tests;

/// <summary>`local run` and `dashboard` share the dashboard's --address/--token rule, checked before anything starts.</summary>
public sealed class DashboardOptionTests
{
    [Theory]
    [InlineData("--address", "not-an-ip", "--address 'not-an-ip' is not an IP address")]
    [InlineData("--token", "short", "--token must be at least 16 characters")]
    [InlineData("--dashboard-port", "70000", "--dashboard-port 70000 is out of range")]
    public async Task Local_run_refuses_a_bad_dashboard_option_before_reading_the_sweep_or_starting_a_silo(string option, string value, string message)
    {
        string[] args = option == "--dashboard-port"
            ? ["local", "run", "no-such-sweep.json", option, value]
            : ["local", "run", "no-such-sweep.json", "--dashboard-port", "8080", option, value];

        var result = await CliFixture.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: " + message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-sweep", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--address", "0.0.0.0")]
    [InlineData("--token", "a-token-of-enough-length")]
    public async Task Local_run_refuses_dashboard_binding_options_without_a_dashboard_port(string option, string value)
    {
        var result = await CliFixture.Run("local", "run", "no-such-sweep.json", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --address and --token set up the dashboard: give --dashboard-port PORT too", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_verb_applies_the_same_token_rule()
    {
        var result = await CliFixture.Run("dashboard", "results/none", "--token", "short");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --token must be at least 16 characters", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_run_relays_the_silos_refusal_of_a_bad_connectomes_kept_with_exit_code_2()
    {
        using var fixture = new CliFixture();
        var sweep = RepositoryRoot.Path("experiments", "quickstart.json");

        // The real program and worker as processes: the silo checks the flag it owns, the CLI relays its refusal.
        var start = CliFixture.CliProcess("local", "run", sweep, "--results", fixture.PathOf("results"), "--connectomes-kept", "-1");
        start.Environment["ORCHESTRATOR_SILO_PATH"] = CliFixture.BuiltWorker();
        var result = await CliFixture.RunToEnd(start);

        Assert.True(result.ExitCode == 2, result.Stderr);
        Assert.Contains("error: --connectomes-kept -1 is out of range: give 0–10000", result.Stderr, StringComparison.Ordinal);
    }
}
