namespace Orchestrator.Client.Tests;

/// <summary>
/// `orchestrator train` hands its arguments to the worker, which owns the flags and checks them while parsing:
/// bad input is exit code 2 naming the flag, before any data is loaded or anything trained.
/// </summary>
[Collection("Worker environment variable")]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string? _previousWorker = Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH");

    public TrainCommandTests() => Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", CliFixture.BuiltWorker());

    public void Dispose() => Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", _previousWorker);

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
    [InlineData("--optimizer", "rmsprop", "--optimizer")]
    [InlineData("--schedule", "linear", "--schedule")]
    [InlineData("--dataset", "missing.npz", "--dataset: 'missing.npz' does not exist")]
    [InlineData("--model", "missing.pt", "--model: 'missing.pt' does not exist")]
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

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync([.. args], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(named, stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ORCHESTRATOR_SILO_PATH", stderr.ToString(), StringComparison.Ordinal);
        // Nothing was loaded or trained: the worker stopped while parsing.
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public async Task Vl_without_a_hold_out_is_rejected()
    {
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(["train", "--dataset", "synthetic", "--stop", "vl", "--validation-fraction", "0"], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("hold-out", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_the_workers_and_lists_every_option()
    {
        var stdout = new StringWriter();
        var code = await CliApplication.RunAsync(["train", "--help"], stdout, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var option in new[] { "--dataset", "--fraction", "--stop", "--validation-fraction", "--checkpoint", "--resume" })
        {
            Assert.Contains(option, stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_bad_input_named_by_the_worker()
    {
        var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(["train", "--dataset", "synthetic", "--no-such-flag"], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--no-such-flag", stderr.ToString(), StringComparison.Ordinal);
    }
}
