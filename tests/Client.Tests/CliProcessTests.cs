namespace Orchestrator.Client.Tests;

/// <summary>Starts the real built <c>orchestrator</c> program: the exit code scripts see.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<CliResult> RunProcess(params string[] args) => CliFixture.RunToEnd(CliFixture.CliProcess(args));

    [Fact]
    public async Task Bad_input_exits_with_code_2_and_an_empty_stdout()
    {
        var result = await RunProcess("topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,1\n1\n"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("row 2 has 1 column, expected 2", result.Stderr);
    }

    [Fact]
    public async Task Success_exits_with_code_0_and_prints_json()
    {
        var result = await RunProcess("topology", "decompose", "--matrix", _files.WriteText("w.csv", "0,0.25\n0.25,0\n"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"n\":2,\"births\":[0.25],\"deaths\":[],\"totalPersistence0\":0.25,\"totalPersistence1\":0}\n", result.Stdout);
    }
}
