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

    [Fact]
    public async Task Sweep_clean_deletes_only_the_products_files_and_refuses_a_folder_holding_anything_else()
    {
        var root = _fixture.PathOf("foreign-checkpoints");
        var trial = Path.Combine(root, "mixed", "t1");
        Directory.CreateDirectory(trial);
        File.WriteAllBytes(Path.Combine(trial, "run.ckpt"), new byte[10]);
        File.WriteAllBytes(Path.Combine(trial, "connectome-3.bin"), new byte[10]);
        var precious = Path.Combine(trial, "precious.txt");
        File.WriteAllText(precious, "mine");
        Directory.CreateDirectory(Path.Combine(root, "mixed", "photos"));

        var result = await CliFixture.Run("sweep", "clean", "mixed", "--checkpoints", root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("precious.txt", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was deleted", result.Stderr, StringComparison.Ordinal);
        // Refused before anything went: the product's own files are still there too.
        Assert.True(File.Exists(precious));
        Assert.True(File.Exists(Path.Combine(trial, "run.ckpt")));
        Assert.True(Directory.Exists(Path.Combine(root, "mixed", "photos")));
    }

    [Fact]
    public async Task Sweep_clean_refuses_a_trial_folder_that_is_a_symbolic_link_and_leaves_its_target()
    {
        var root = _fixture.PathOf("linked-checkpoints");
        var target = _fixture.PathOf("elsewhere");
        Directory.CreateDirectory(target);
        File.WriteAllBytes(Path.Combine(target, "run.ckpt"), new byte[10]);
        Directory.CreateDirectory(Path.Combine(root, "linked"));
        Directory.CreateSymbolicLink(Path.Combine(root, "linked", "t1"), target);

        var result = await CliFixture.Run("sweep", "clean", "linked", "--checkpoints", root);

        Assert.Equal(2, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(target, "run.ckpt")));
    }
}
