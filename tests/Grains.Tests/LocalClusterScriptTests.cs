using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// scripts/local-cluster.sh as an operator runs it (issue 16, item 5): Redis requires a password kept in 0600 files,
/// the silos get it from a file, and a client that evaluates the printed exports (with TLS=1, the certificates
/// too) reaches the cluster, while one without them is told what is missing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class LocalClusterScriptTests
{
    [Fact]
    public async Task Local_cluster_runs_redis_with_a_password_and_the_silos_with_mutual_tls_and_prints_what_a_client_needs()
    {
        using var directory = new TemporaryDirectory();
        var cluster = Path.Combine(directory.Path, "cluster");
        try
        {
            var start = await RunAsync("bash", [RepositoryRoot.Path("scripts", "local-cluster.sh"), "start", "1", cluster], new() { ["TLS"] = "1", ["ORCHESTRATOR_SILO_PATH"] = LocalRedisCluster.SiloDll() });
            Assert.True(start.Code == 0, start.Output);
            var redis = Redis().Match(start.Output).Groups[1].Value;
            var exports = Exports().Matches(start.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.Equal(Path.Combine(cluster, "redis.password"), exports["ORCHESTRATOR_REDIS_PASSWORD_FILE"]);
            Assert.Equal(Path.Combine(cluster, "certs", "client.pem"), exports["ORCHESTRATOR_TLS_CERT"]);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster, "redis.password")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster, "redis.conf")));
            var password = (await File.ReadAllTextAsync(Path.Combine(cluster, "redis.password"), TestContext.Current.CancellationToken)).Trim();
            Assert.True(password.Length >= 32, "password of " + password.Length + " characters");
            var log = await File.ReadAllTextAsync(Path.Combine(cluster, "silo-1.log"), TestContext.Current.CancellationToken);
            Assert.Contains("mutual TLS", log, StringComparison.Ordinal);
            Assert.DoesNotContain(password, log, StringComparison.Ordinal);

            var anonymous = await RunAsync("redis-cli", ["-p", redis.Split(':')[1], "ping"], []);
            Assert.Contains("NOAUTH", anonymous.Output, StringComparison.Ordinal);

            var cli = Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");
            var member = await RunAsync("dotnet", [cli, "sweep", "list", "--redis", redis], exports);
            Assert.True(member.Code == 0, member.Output);
            Assert.Contains("sweep", member.Output, StringComparison.Ordinal);
            var noPassword = await RunAsync("dotnet", [cli, "sweep", "list", "--redis", redis], exports.Where(e => e.Key != "ORCHESTRATOR_REDIS_PASSWORD_FILE").ToDictionary());
            Assert.Equal(2, noPassword.Code);
            Assert.Contains("requires a password", noPassword.Output, StringComparison.Ordinal);
        }
        finally
        {
            await RunAsync("bash", [RepositoryRoot.Path("scripts", "local-cluster.sh"), "stop", cluster], []);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "ORCHESTRATOR_REDIS_PASSWORD", "ORCHESTRATOR_REDIS_PASSWORD_FILE", "ORCHESTRATOR_TLS_CERT", "ORCHESTRATOR_TLS_KEY", "ORCHESTRATOR_TLS_CA", "REDISCLI_AUTH" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"(?m)^REDIS=(\S+)$")]
    private static partial Regex Redis();

    [GeneratedRegex(@"(ORCHESTRATOR_[A-Z_]+)=(\S+)")]
    private static partial Regex Exports();
}
