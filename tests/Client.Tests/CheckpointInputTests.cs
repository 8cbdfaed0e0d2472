namespace Orchestrator.Client.Tests;

/// <summary>
/// Crafted and corrupt checkpoints and journals through the real built CLI and worker processes: exit code 2,
/// the problem on stderr (stdout carries only a run's output), never an unhandled exception.
/// </summary>
[Collection("Worker environment variable")]
public sealed class CheckpointInputTests : IDisposable
{
    private readonly CliFixture _files = new();
    private readonly string? _previousWorker = Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH");

    public CheckpointInputTests() => Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", CliFixture.BuiltWorker());

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", _previousWorker);
        _files.Dispose();
    }

    [Theory]
    [InlineData(-1, 4, 4, "rank -1")]
    [InlineData(1, 1 << 30, 1 << 30, "claims 1073741824 values")]
    public async Task Train_resume_of_a_crafted_checkpoint_exits_2_with_the_problem_on_stderr(int rank, long dimension, int length, string named)
    {
        var checkpoint = _files.PathOf("crafted.ckpt");
        File.WriteAllBytes(checkpoint, CraftedCheckpoint.OneTensor(rank, dimension, length));

        var result = await CliFixture.RunToEnd(CliFixture.CliProcess(Train(checkpoint)));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("checkpoint", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(1_000_000)]
    public async Task Neural_persistence_of_a_checkpoint_with_an_absurd_epoch_exits_2(int epoch)
    {
        var checkpoint = _files.PathOf("epoch.ckpt");
        File.WriteAllBytes(checkpoint, CraftedCheckpoint.With(epoch, w => w.Write(0)));

        var result = await CliFixture.RunToEnd(CliFixture.CliProcess("topology", "neural-persistence", "--weights", checkpoint));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains($"epoch is {epoch}", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"records\":null,\"connectomeSize\":0,\"lastConnectome\":\"\"}")]
    [InlineData("{\"records\":[],\"connectomeSize\":5,\"lastConnectome\":\"!!notbase64\"}")]
    [InlineData("{\"records\":[{\"epoch\":2,\"losses\":{},\"signals\":{},\"seconds\":{}},{\"epoch\":1,\"losses\":{},\"signals\":{},\"seconds\":{}}],\"connectomeSize\":0,\"lastConnectome\":\"\"}")]
    [InlineData("{\"records\":[{\"epoch\":1}")]
    public async Task Train_resume_with_a_corrupt_journal_exits_2_naming_the_journal(string journal)
    {
        var checkpoint = _files.PathOf("run.ckpt");
        var first = await CliFixture.RunToEnd(CliFixture.CliProcess("train", "--dataset", "synthetic", "--epochs", "1", "--probe-size", "50", "--checkpoint", checkpoint));
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        File.WriteAllText(checkpoint + ".journal.json", journal);

        var result = await CliFixture.RunToEnd(CliFixture.CliProcess(Train(checkpoint)));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("run.ckpt.journal.json", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Train(string checkpoint) =>
        ["train", "--dataset", "synthetic", "--epochs", "2", "--probe-size", "50", "--checkpoint", checkpoint, "--resume", checkpoint];
}
