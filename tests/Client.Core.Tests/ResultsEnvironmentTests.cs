using System.Collections.Immutable;
using System.Diagnostics;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

/// <summary>
/// A results folder that cannot be written (issue 16, item 13): an <see cref="EnvironmentException"/> naming the
/// path (CLI exit 3), no <c>*.writing</c> / <c>*.tmp</c> left, and the results already there unchanged. A folder is
/// made unwritable with <c>chattr +i</c> when the tests run as root (chmod does not stop root), else <c>chmod 555</c>.
/// </summary>
public sealed class ResultsEnvironmentTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("orchestrator-results-env-").FullName;

    private string Root => Path.Combine(_parent, "results");

    public void Dispose()
    {
        Writable(Root);
        Writable(Path.Combine(Root, "w"));
        Directory.Delete(_parent, recursive: true);
    }

    private static SweepStatus Sweep(TrialState state)
    {
        var definition = SweepFile.Parse("""{ "name": "w", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 2 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec => new TrialStatus { Spec = spec, State = state, EpochsRun = 2 }).ToImmutableArray();
        return new SweepStatus { SweepId = "w", State = SweepState.Finished, Definition = definition, Trials = trials };
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> NoEpochs = new Dictionary<string, IReadOnlyList<EpochRecord>>();

    [Fact]
    public void A_results_root_that_is_a_file_is_an_environment_error_naming_the_path()
    {
        Directory.CreateDirectory(_parent);
        var file = Path.Combine(_parent, "not-a-folder");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<EnvironmentException>(() => SweepResultsWriter.Write(Path.Combine(file, "results"), Sweep(TrialState.Completed), NoEpochs, partial: false));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Equal(["not-a-folder"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName));
    }

    [Fact]
    public void A_read_only_results_root_keeps_the_previous_results_and_leaves_no_staging_folder()
    {
        var first = SweepResultsWriter.Write(Root, Sweep(TrialState.Completed), NoEpochs, partial: false);
        var before = Snapshot(first);
        Assert.SkipUnless(ReadOnly(Root), "cannot make a folder read-only here (neither chattr +i as root nor chmod)");

        var error = Assert.Throws<EnvironmentException>(() => SweepResultsWriter.Write(Root, Sweep(TrialState.Failed), NoEpochs, partial: false));

        Writable(Root);
        Assert.Contains(Root, error.Message, StringComparison.Ordinal);
        Assert.Contains("unchanged", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(first));
        Assert.Equal(["w"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName));
    }

    [Fact]
    public void An_immutable_results_folder_is_refused_before_training_by_the_writability_check()
    {
        var first = SweepResultsWriter.Write(Root, Sweep(TrialState.Completed), NoEpochs, partial: false);
        var before = Snapshot(first);
        Assert.SkipUnless(ReadOnly(first), "cannot make a folder read-only here");

        var error = Assert.Throws<EnvironmentException>(() => ResultsFolder.RequireWritable(Root, first));

        Writable(first);
        Assert.Contains(first, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(first));
        Assert.Equal(["w"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_crash_between_the_two_renames_of_the_swap_never_leaves_neither_copy()
    {
        var first = SweepResultsWriter.Write(Root, Sweep(TrialState.Completed), NoEpochs, partial: false);
        var before = Snapshot(first);
        // What a crash right after the swap's first rename leaves: the old folder aside, a staging folder, no target.
        var aside = ResultsFolder.Sibling(first, ResultsFolder.ReplacedPurpose);
        Directory.Move(first, aside);
        var staging = ResultsFolder.Sibling(first, ResultsFolder.StagingPurpose);
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "trials.csv"), "half");

        ResultsFolder.RecoverInterruptedSwap(first);

        Assert.Equal(before, Snapshot(first));
        Assert.Equal(["w"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName));
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

    private static bool ReadOnly(string folder)
    {
        if (Environment.UserName == "root" || Run("id", "-u")?.Trim() == "0")
        {
            return Run("chattr", "+i", folder) is not null && (Run("lsattr", "-d", folder) ?? string.Empty).Split(' ')[0].Contains('i', StringComparison.Ordinal);
        }

        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return true;
    }

    private static void Writable(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        Run("chattr", "-i", folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string? Run(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
