using Orchestrator.Client.Core;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A real silo process with mutual TLS and a Redis with a password (issue 16, item 5): only clients holding a
/// certificate of the cluster's authority get in, a wrong password is one clear line, and no password is ever printed.
/// </summary>
public sealed class ClusterSecurityTests
{
    [Fact]
    public async Task Only_a_client_with_a_certificate_of_the_cluster_authority_can_call_a_grain()
    {
        await using var cluster = await SecuredCluster.StartAsync();
        var silo = await cluster.StartSiloAsync(["--redis", cluster.Redis, "--redis-password-file", cluster.PasswordFile, .. cluster.SiloTlsArguments(), "--checkpoints", cluster.Directory.File("checkpoints")]);
        Assert.True(silo.Ready, silo.Output);
        Assert.Contains("mutual TLS", silo.Output, StringComparison.Ordinal);

        await using (var member = await ConnectMemberAsync(cluster))
        {
            await member.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).Register("tls-ok");
            Assert.Contains("tls-ok", await member.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List());
        }

        var plain = await Assert.ThrowsAsync<InputException>(() => ClusterSession.ConnectAsync(cluster.Connection(), tls: null, TestContext.Current.CancellationToken));
        Assert.Contains("no silo joined", plain.Message, StringComparison.Ordinal);
        Assert.Contains("ORCHESTRATOR_TLS_CERT", plain.Message, StringComparison.Ordinal);
        var stranger = await Assert.ThrowsAsync<InputException>(() => ClusterSession.ConnectAsync(cluster.Connection(), cluster.ClientTls(stranger: true), TestContext.Current.CancellationToken));
        Assert.Contains("no silo joined", stranger.Message, StringComparison.Ordinal);
        Assert.False(silo.HasExited, silo.Output);
    }

    [Fact]
    public async Task A_wrong_redis_password_stops_the_silo_with_exit_2_and_says_what_to_fix()
    {
        await using var cluster = await SecuredCluster.StartAsync();
        var wrong = cluster.Directory.File("wrong.password");
        await File.WriteAllTextAsync(wrong, "not-" + cluster.Password, TestContext.Current.CancellationToken);
        var silo = await cluster.StartSiloAsync("--redis", cluster.Redis, "--redis-password-file", wrong, "--checkpoints", cluster.Directory.File("checkpoints"));
        Assert.True(silo.HasExited, silo.Output);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains($"Redis at {cluster.Redis} refused the password", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, silo.Output, StringComparison.Ordinal);

        var none = await cluster.StartSiloAsync("--redis", cluster.Redis, "--checkpoints", cluster.Directory.File("checkpoints"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("requires a password", none.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_with_a_wrong_redis_password_gets_a_clear_error_naming_where_the_password_comes_from()
    {
        await using var cluster = await SecuredCluster.StartAsync();
        var error = await Assert.ThrowsAsync<InputException>(() => ClusterSession.ConnectAsync(cluster.Connection("wrong"), tls: null, TestContext.Current.CancellationToken));
        Assert.Contains("refused the password", error.Message, StringComparison.Ordinal);
        Assert.Contains("ORCHESTRATOR_REDIS_PASSWORD_FILE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message.Replace("wrong.", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_redis_password_never_appears_in_the_silo_log_and_is_refused_on_the_command_line()
    {
        await using var cluster = await SecuredCluster.StartAsync();
        var silo = await cluster.StartSiloAsync("--redis", cluster.Redis, "--redis-password-file", cluster.PasswordFile, "--checkpoints", cluster.Directory.File("checkpoints"));
        Assert.True(silo.Ready, silo.Output);
        await using (var session = await ClusterSession.ConnectAsync(cluster.Connection(), tls: null, TestContext.Current.CancellationToken))
        {
            await session.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).Register("logged");
        }

        Assert.Contains("with a password", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, silo.Output, StringComparison.Ordinal);

        var onCommandLine = await cluster.StartSiloAsync("--redis", $"{cluster.Redis},password={cluster.Password}", "--checkpoints", cluster.Directory.File("checkpoints"));
        Assert.Equal(2, onCommandLine.ExitCode);
        Assert.Contains("--redis-password-file", onCommandLine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, onCommandLine.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The member's connection, with two more tries: on the shared two-core machine, with other test classes
    /// starting silos at the same time, a TLS handshake right after the silo's start can miss the 6 s gateway wait.
    /// </summary>
    private static async Task<ClusterSession> ConnectMemberAsync(SecuredCluster cluster)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ClusterSession.ConnectAsync(cluster.Connection(), cluster.ClientTls(), TestContext.Current.CancellationToken);
            }
            catch (InputException) when (attempt < 3)
            {
            }
        }
    }
}
