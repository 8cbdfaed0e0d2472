namespace Orchestrator.Client.Tests;

[Collection("Worker environment variable")]
public sealed class TrainCommandTests
{
    [Theory]
    [InlineData("--dataset", "imagenet", "--dataset")]
    [InlineData("--fraction", "0", "--fraction")]
    [InlineData("--fraction", "1.01", "--fraction")]
    [InlineData("--lr", "0", "--lr")]
    [InlineData("--lr", "-1", "--lr")]
    [InlineData("--epochs", "0", "--epochs")]
    [InlineData("--momentum", "1", "--momentum")]
    [InlineData("--batch-size", "0", "--batch-size")]
    [InlineData("--device", "tpu", "--device")]
    [InlineData("--stop", "sometimes", "--stop")]
    [InlineData("--model", "resnet", "--model")]
    [InlineData("--validation-fraction", "1", "--validation-fraction")]
    public async Task Invalid_argument_exits_with_code_2_naming_the_option_before_any_work(string option, string value, string named)
    {
        var args = new List<string> { "train", "--dataset", "synthetic" };
        if (option == "--dataset")
        {
            args[2] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var previous = Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH");
        Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", "/worker/must/not/be/started");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CliApplication.RunAsync([.. args], stdout, stderr);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(named, stderr.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("ORCHESTRATOR_SILO_PATH", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", previous);
        }
    }

    [Fact]
    public async Task Vl_without_a_hold_out_is_rejected()
    {
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(["train", "--dataset", "synthetic", "--stop", "vl", "--validation-fraction", "0"], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("hold-out", stderr.ToString(), StringComparison.Ordinal);
    }
}
