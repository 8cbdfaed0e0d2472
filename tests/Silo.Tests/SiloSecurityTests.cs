using System.Diagnostics;
using Orchestrator.Security;

namespace Orchestrator.Silo.Tests;

/// <summary>Where the silo takes its secrets from, and its refusal to serve the network in the clear (issue 16, item 5).</summary>
public sealed class SiloSecurityTests
{
    [Fact]
    public async Task A_silo_on_a_non_loopback_address_without_tls_refuses_to_start_with_exit_2_and_says_how_to_make_certificates()
    {
        var (exitCode, output) = await RunSiloAsync("silo", "--address", "10.11.12.13", "--checkpoints", Path.GetTempPath());
        Assert.Equal(2, exitCode);
        Assert.Contains("--address 10.11.12.13 is reachable from the network", output, StringComparison.Ordinal);
        Assert.Contains("scripts/make-certs.sh", output, StringComparison.Ordinal);
        Assert.Contains("--tls-cert", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_part_of_the_tls_files_is_an_error_naming_the_missing_one()
    {
        using var directory = new TemporaryDirectory();
        var (exitCode, output) = await RunSiloAsync("silo", "--tls-cert", directory.File("silo.pem"), "--checkpoints", directory.Path);
        Assert.Equal(2, exitCode);
        Assert.Contains("the authority is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_in_the_redis_option_is_refused_without_echoing_it()
    {
        var (exitCode, output) = await RunSiloAsync("silo", "--redis", "127.0.0.1:6379,password=hunter2-secret", "--checkpoints", Path.GetTempPath());
        Assert.Equal(2, exitCode);
        Assert.Contains("--redis-password-file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redis_connection_prints_its_endpoint_and_never_its_password()
    {
        var redis = RedisConnection.Parse("127.0.0.1:6380") with { Password = "s3cret-value" };
        Assert.Equal("127.0.0.1:6380 with a password", redis.ToString());
        Assert.DoesNotContain("s3cret-value", redis.ToString(), StringComparison.Ordinal);
        Assert.Equal("s3cret-value", redis.ToConfiguration().Password);
        Assert.Equal("127.0.0.1:6380,password=***,ssl=False", RedisConnection.Scrub("127.0.0.1:6380,password=s3cret-value,ssl=False"));
    }

    [Fact]
    public void A_secret_file_gives_its_first_line_without_the_newline_and_an_empty_one_is_an_error()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File("pw"), "abc def\n");
        Assert.Equal("abc def", Secret.Read("ORCHESTRATOR_TEST_UNSET_SECRET", directory.File("pw")));
        File.WriteAllText(directory.File("empty"), string.Empty);
        var error = Assert.Throws<SecurityConfigurationException>(() => Secret.Read("ORCHESTRATOR_TEST_UNSET_SECRET", directory.File("empty")));
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
        Assert.Null(Secret.Read("ORCHESTRATOR_TEST_UNSET_SECRET"));
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(BuiltWorker.Dll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { ClusterTlsFiles.CertificateVariable, ClusterTlsFiles.KeyVariable, ClusterTlsFiles.AuthorityVariable })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
