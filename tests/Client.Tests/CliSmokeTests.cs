namespace Orchestrator.Client.Tests;

public sealed class CliSmokeTests
{
    [Fact]
    public async Task Unknown_command_exits_with_code_2_and_says_so_on_stderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(["no-such-command"], stdout, stderr);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("no-such-command", stderr.ToString());
        Assert.Equal(string.Empty, stdout.ToString());
    }
}
