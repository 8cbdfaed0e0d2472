using System.Diagnostics;
using Orchestrator.Client.Core.Workers;
using Orchestrator.Client.Worker;

namespace Orchestrator.Client.Tests;

[Collection("Worker environment variable")]
public sealed class WorkerProcessTests
{
    private static WorkerProcess Shell(string script) => new("/bin/sh", ["-c", script, "worker"]);

    [Fact]
    public async Task Streams_stdout_and_stderr_and_returns_the_exit_code()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await Shell("echo line one; echo problem >&2; echo \"args: $*\"; exit 3").RunAsync(["a", "b c"], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(3, code);
        Assert.Equal(["line one", "args: a b c"], stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("problem", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Cancellation_sends_sigint_so_the_worker_can_finish_cleanly()
    {
        var stdout = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var worker = Shell("trap 'echo interrupted; exit 130' INT; echo started; while true; do sleep 0.1; done");
        var run = worker.RunAsync([], stdout, TextWriter.Null, cancel.Token);
        var clock = Stopwatch.StartNew();
        while (!stdout.ToString().Contains("started", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await cancel.CancelAsync();
        var code = await run;

        Assert.Equal(130, code);
        Assert.Contains("interrupted", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_ignores_sigint_is_killed_after_the_grace_period()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var worker = new WorkerProcess("/bin/sh", ["-c", "trap '' INT; sleep 30"]) { GracePeriod = TimeSpan.FromMilliseconds(300) };
        var clock = Stopwatch.StartNew();

        var code = await worker.RunAsync([], TextWriter.Null, TextWriter.Null, cancel.Token);

        Assert.NotEqual(0, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Missing_worker_path_in_the_environment_is_reported_with_the_variable()
    {
        var previous = Environment.GetEnvironmentVariable(WorkerExecutable.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(WorkerExecutable.PathVariable, "/no/such/orchestrator-silo.dll");
            var ex = Assert.Throws<InputException>(WorkerProcess.Locate);
            Assert.Contains(WorkerExecutable.PathVariable, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WorkerExecutable.PathVariable, previous);
        }
    }
}
