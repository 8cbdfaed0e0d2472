namespace Orchestrator.Client.Tests;

public sealed class SweepCleanCommandTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Sweep_clean_deletes_the_sweeps_checkpoints_and_says_how_much()
    {
        var root = _fixture.PathOf("checkpoints");
        foreach (var trial in new[] { "t1", "t2" })
        {
            Directory.CreateDirectory(Path.Combine(root, "kept", trial));
            File.WriteAllBytes(Path.Combine(root, "kept", trial, "run.ckpt"), new byte[1000]);
        }

        Directory.CreateDirectory(Path.Combine(root, "other", "t1"));
        var result = await CliFixture.Run("sweep", "clean", "kept", "--checkpoints", root);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("deleted 2 checkpoint files", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "kept")));
        Assert.True(Directory.Exists(Path.Combine(root, "other")));
    }

    [Fact]
    public async Task Sweep_clean_of_a_sweep_without_checkpoints_exits_2_naming_the_option()
    {
        var result = await CliFixture.Run("sweep", "clean", "missing", "--checkpoints", _fixture.PathOf("none"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--checkpoints: no checkpoints of sweep 'missing'", result.Stderr, StringComparison.Ordinal);
    }
}
