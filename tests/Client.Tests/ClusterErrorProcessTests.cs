using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Client.Tests;

/// <summary>The real <c>orchestrator</c> process against a cluster that is not there: a clear error, exit 2, within seconds.</summary>
public sealed class ClusterErrorProcessTests
{
    /// <summary>"Within a few seconds": the Redis probe (2 s) or the gateway wait (6 s) plus process start-up.</summary>
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(20);


    private static async Task<(CliResult Result, TimeSpan Elapsed)> RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
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

        return (new CliResult(process.ExitCode, await stdout, await stderr), clock.Elapsed);
    }

    [Fact]
    public async Task A_wrong_redis_port_says_redis_is_not_reachable_and_how_to_start_it_and_exits_2()
    {
        var endpoint = $"127.0.0.1:{LoopbackPort.Free()}";
        var (result, elapsed) = await RunProcess("sweep", "list", "--redis", endpoint);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Redis not reachable at {endpoint}: start it with", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("abortConnect", result.Stderr, StringComparison.Ordinal);
        Assert.True(elapsed < FewSeconds, $"took {elapsed}");
    }

    [Fact]
    public async Task Redis_without_a_silo_says_no_silo_joined_and_how_to_start_one_and_exits_2()
    {
        var port = LoopbackPort.Free();
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true })!;
        try
        {
            redis.BeginOutputReadLine();
            for (var i = 0; i < 50 && !await Listening(port); i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var endpoint = $"127.0.0.1:{port}";
            var (result, elapsed) = await RunProcess("sweep", "list", "--redis", endpoint);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"no silo joined the cluster at {endpoint}", result.Stderr, StringComparison.Ordinal);
            Assert.Contains($"silo --redis {endpoint}", result.Stderr, StringComparison.Ordinal);
            Assert.True(elapsed < FewSeconds, $"took {elapsed}");
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<bool> Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
