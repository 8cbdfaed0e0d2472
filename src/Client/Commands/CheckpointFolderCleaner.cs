using System.Text.RegularExpressions;

namespace Orchestrator.Client.Commands;

/// <summary>
/// Deletes one sweep's checkpoint folder file by file, only what the product writes there
/// (<c>&lt;sweep&gt;/&lt;trial&gt;/run.ckpt</c>, its journal, <c>connectome-N.bin</c> and their temporary files):
/// anything else (a file or folder someone put there, a symbolic link) is refused, named, before one file is
/// deleted. Never a recursive delete: a mistyped <c>--checkpoints</c> cannot take a user's folder with it.
/// </summary>
internal static partial class CheckpointFolderCleaner
{
    /// <summary>What a sweep's checkpoint folder holds: the product's files, and anything foreign (empty when clean).</summary>
    public sealed record Survey(IReadOnlyList<FileInfo> Files, IReadOnlyList<string> TrialFolders, IReadOnlyList<string> Foreign);

    public static Survey Look(string sweepDirectory)
    {
        var files = new List<FileInfo>();
        var trials = new List<string>();
        var foreign = new List<string>();
        foreach (var entry in new DirectoryInfo(sweepDirectory).EnumerateFileSystemInfos())
        {
            if (entry is not DirectoryInfo trial || trial.LinkTarget is not null || !Orchestrator.Sweeps.SafeId.IsValid(trial.Name))
            {
                foreign.Add(entry.FullName);
                continue;
            }

            trials.Add(trial.FullName);
            foreach (var inner in trial.EnumerateFileSystemInfos())
            {
                if (inner is FileInfo file && file.LinkTarget is null && ProductFile().IsMatch(file.Name))
                {
                    files.Add(file);
                }
                else
                {
                    foreign.Add(inner.FullName);
                }
            }
        }

        return new Survey(files, trials, foreign);
    }

    /// <summary>Deletes what <see cref="Look"/> found, then the emptied folders (each only if empty).</summary>
    public static void Delete(Survey survey, string sweepDirectory)
    {
        foreach (var file in survey.Files)
        {
            file.Delete();
        }

        foreach (var trial in survey.TrialFolders)
        {
            Directory.Delete(trial);
        }

        Directory.Delete(sweepDirectory);
    }

    // run.ckpt and its journal, connectome-<epoch>.bin, and the temporary names they are written under.
    [GeneratedRegex(@"^(run\.ckpt(\.journal\.json)?|connectome-\d+\.bin)(\.tmp)?$|^\.run\.ckpt\.\d+\.[0-9a-f]{32}\.tmp$|^run\.ckpt\.journal\.json\.\d+\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductFile();
}
