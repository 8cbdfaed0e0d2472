using System.Diagnostics;

namespace Orchestrator.Client.Tests;

/// <summary>
/// A results disk that fills up (issue 16, item 13), on a real 512 KB tmpfs mounted in a private mount namespace
/// (<c>unshare -m</c>, root only; skipped otherwise): the second <c>local run</c> of a finished sweep cannot write
/// its results, exits 3 saying the disk is full, leaves no staging folder, and the first run's results are intact.
/// </summary>
[Collection("Worker environment variable")]
public sealed class DiskFullProcessTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_full_results_disk_is_exit_3_with_the_old_results_intact_and_nothing_left_behind()
    {
        Assert.SkipUnless(Environment.UserName == "root" && File.Exists("/usr/bin/unshare"), "needs root and unshare to mount a private tmpfs");
        var sweep = _files.WriteText("full.json", """{ "name": "full", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0, 1] }, "stopping": ["none"], "maxEpochs": 20, "probeSize": 32 }""");
        var root = _files.PathOf("results");
        var checkpoints = _files.PathOf("checkpoints");
        Directory.CreateDirectory(root);
        var cli = CliFixture.CliProcess();
        var orchestrator = string.Join(' ', new[] { cli.FileName }.Concat(cli.ArgumentList).Select(Quote));
        var script = string.Join('\n',
            "set -u",
            $"mount -t tmpfs -o size=512k tmpfs {Quote(root)} || exit 90",
            $"{orchestrator} local run {Quote(sweep)} --results {Quote(root)} --checkpoints {Quote(checkpoints)} > /dev/null 2>&1; echo \"first=$?\"",
            $"cp -r {Quote(Path.Combine(root, "full"))} {Quote(_files.PathOf("before"))}",
            // Leave two pages free: enough for the write check's probe, not for the results.
            $"avail=$(df --output=avail -B1 {Quote(root)} | tail -1); head -c $((avail - 8192)) /dev/zero > {Quote(Path.Combine(root, "fill"))}",
            $"{orchestrator} local run {Quote(sweep)} --results {Quote(root)} --checkpoints {Quote(checkpoints)} > {Quote(_files.PathOf("second.out"))} 2>&1; echo \"second=$?\"",
            $"ls -A {Quote(root)} > {Quote(_files.PathOf("root.txt"))}",
            $"cp -r {Quote(Path.Combine(root, "full"))} {Quote(_files.PathOf("after"))}",
            $"umount {Quote(root)}");
        var start = new ProcessStartInfo("unshare", ["-m", "sh", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["ORCHESTRATOR_SILO_PATH"] = CliFixture.BuiltWorker();

        var result = await CliFixture.RunToEnd(start);

        Assert.SkipWhen(result.Stdout.Length == 0 && result.ExitCode == 90, "tmpfs cannot be mounted here");
        var second = File.ReadAllText(_files.PathOf("second.out"));
        Assert.True(result.Stdout.Contains("first=0", StringComparison.Ordinal), result.Stdout + result.Stderr);
        Assert.True(result.Stdout.Contains("second=3", StringComparison.Ordinal), result.Stdout + result.Stderr + second);
        Assert.Contains("the disk is full", second, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root, "full"), second, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", second, StringComparison.Ordinal);
        var entries = File.ReadAllLines(_files.PathOf("root.txt"));
        Assert.DoesNotContain(entries, e => e.StartsWith('.') || e.EndsWith(".tmp", StringComparison.Ordinal));
        var before = Directory.GetFiles(_files.PathOf("before")).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var after = Directory.GetFiles(_files.PathOf("after")).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        Assert.Equal(5, before.Count);
        Assert.Equal(before, after);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
