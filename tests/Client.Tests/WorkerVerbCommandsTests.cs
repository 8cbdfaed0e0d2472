namespace Orchestrator.Client.Tests;

/// <summary>`train` and `silo` go to the worker unchanged: its help, its output, its exit code.</summary>
[Collection("Worker environment variable")]
public sealed class WorkerVerbCommandsTests : IDisposable
{
    private readonly string? _previousWorker = Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH");

    public WorkerVerbCommandsTests() => Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", CliFixture.BuiltWorker());

    public void Dispose() => Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", _previousWorker);

    [Fact]
    public async Task Silo_help_is_the_workers_with_its_port_defaults()
    {
        var stdout = new StringWriter();
        var code = await CliApplication.RunAsync(["silo", "--help"], stdout, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--gateway-port", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("0: a free one", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_worker_is_bad_input_naming_the_variable_to_set()
    {
        Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", "/no/such/orchestrator-silo.dll");
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(["train", "--dataset", "synthetic"], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("ORCHESTRATOR_SILO_PATH", stderr.ToString(), StringComparison.Ordinal);
    }
}
