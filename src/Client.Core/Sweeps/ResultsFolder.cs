using Orchestrator.Client.Core.Reports;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// A sweep's results folder, <c>&lt;root&gt;/&lt;sweep-id&gt;/</c>: where it is (the id follows the
/// <see cref="SafeId"/> grammar and the path stays under the root), what in it the product wrote
/// (<see cref="SweepResultsWriter.Files"/>, the report and its figures), and how a new one replaces it
/// without deleting anything else.
/// </summary>
public static class ResultsFolder
{
    /// <summary>The results folder of <paramref name="sweepId"/> under <paramref name="resultsRoot"/>.</summary>
    /// <exception cref="InputException">The id breaks the grammar or the path would leave the root.</exception>
    public static string Of(string resultsRoot, string sweepId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultsRoot);
        if (SafeId.Problem(sweepId) is { } problem)
        {
            throw new InputException($"sweep id: {problem}; results are written only to a folder named by a valid id");
        }

        try
        {
            return RootedPath.Under(resultsRoot, sweepId);
        }
        catch (ArgumentException ex)
        {
            throw new InputException($"results folder: {ex.Message}");
        }
    }

    /// <summary>The entries of <paramref name="folder"/> the product did not write (file and folder names), sorted.</summary>
    public static IReadOnlyList<string> ForeignEntries(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var foreign = new List<string>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            var ours = entry switch
            {
                _ when entry.LinkTarget is not null => false,
                FileInfo file => SweepResultsWriter.Files.Contains(file.Name) || file.Name == ReportGenerator.ReportFile,
                DirectoryInfo directory => directory.Name == ReportGenerator.FiguresFolder
                    && directory.EnumerateFileSystemInfos().All(f => f is FileInfo { LinkTarget: null } && f.Extension == ".png"),
                _ => false,
            };
            if (!ours)
            {
                foreign.Add(entry is DirectoryInfo ? entry.Name + "/" : entry.Name);
            }
        }

        foreign.Sort(StringComparer.Ordinal);
        return foreign;
    }

    /// <summary>Throws when <paramref name="folder"/> holds anything the product did not write.</summary>
    /// <exception cref="InputException">Names the foreign entries and the ways out.</exception>
    public static void RefuseForeignEntries(string folder)
    {
        var foreign = ForeignEntries(folder);
        if (foreign.Count > 0)
        {
            var shown = string.Join(", ", foreign.Take(10)) + (foreign.Count > 10 ? $" and {foreign.Count - 10} more" : string.Empty);
            throw new InputException(
                $"results folder '{folder}' holds files the product did not write ({shown}); nothing was changed. Move them away, or write the results elsewhere with --results DIR.");
        }
    }

    /// <summary>
    /// Throws unless <paramref name="folder"/> is empty, absent, or holds the results of this same sweep: two names
    /// can make one id ("Collide!" and "collide"), and one must not silently replace the other's results.
    /// </summary>
    /// <returns>True when results of a different sweep are there and <paramref name="replace"/> allows replacing them.</returns>
    /// <exception cref="InputException">A different sweep's results are there and <paramref name="replace"/> is false.</exception>
    public static bool RefuseDifferentSweep(string folder, SweepDefinition definition, bool replace)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var existing = Path.Combine(folder, "sweep.json");
        if (!File.Exists(existing) || File.ReadAllText(existing) == SweepFileJson.Write(definition))
        {
            return false;
        }

        return replace
            ? true
            : throw new InputException(
                $"results folder '{folder}' holds a different sweep with the same id (its sweep.json differs from this file); pass --replace to write this sweep's results in its place, give this sweep another name, or use --results DIR.");
    }

    /// <summary>A fresh, unused path next to <paramref name="folder"/> for a staging or outgoing copy.</summary>
    public static string Sibling(string folder, string purpose) =>
        Path.Combine(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.{purpose}-{Guid.NewGuid():N}");

    /// <summary>
    /// Puts <paramref name="staging"/> in place of <paramref name="target"/>. The old folder (checked to hold only
    /// the product's files) is renamed aside first and deleted only after the new one is in place, so a failure
    /// at any step leaves either the old or the new results whole.
    /// </summary>
    public static void Replace(string target, string staging)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        var outgoing = Sibling(target, "replaced");
        Directory.Move(target, outgoing);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(outgoing, target);
            throw;
        }

        DeleteOurs(outgoing);
    }

    // Only the product's own files go, one by one; the folders are removed only when that left them empty, so a
    // file that appeared after the check stays (in the renamed-aside folder) instead of being lost.
    private static void DeleteOurs(string folder)
    {
        foreach (var name in SweepResultsWriter.Files.Append(ReportGenerator.ReportFile))
        {
            File.Delete(Path.Combine(folder, name));
        }

        var figures = Path.Combine(folder, ReportGenerator.FiguresFolder);
        if (Directory.Exists(figures))
        {
            foreach (var png in Directory.EnumerateFiles(figures, "*.png"))
            {
                File.Delete(png);
            }

            Directory.Delete(figures);
        }

        Directory.Delete(folder);
    }
}
