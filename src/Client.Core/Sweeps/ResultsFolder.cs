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

    /// <summary>The purpose in the name of a staging folder being written (<c>.&lt;id&gt;.writing-&lt;guid&gt;</c>).</summary>
    public const string StagingPurpose = "writing";

    /// <summary>The purpose in the name of the old folder while it is swapped out (<c>.&lt;id&gt;.replaced-&lt;guid&gt;</c>).</summary>
    public const string ReplacedPurpose = "replaced";

    /// <summary>
    /// Undoes what a crash between <see cref="Replace"/>'s two renames leaves: no <paramref name="target"/> but the
    /// old folder aside (moved back, so the results are never neither), and staging folders of writes that died
    /// (removed when they hold only the product's files; anything else in them is left alone).
    /// </summary>
    public static void RecoverInterruptedSwap(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        var name = Path.GetFileName(target);
        var aside = Directory.EnumerateDirectories(parent, $".{name}.{ReplacedPurpose}-*").Select(d => new DirectoryInfo(d)).Where(d => d.LinkTarget is null).OrderByDescending(d => d.LastWriteTimeUtc).ToList();
        if (!Directory.Exists(target) && aside.Count > 0)
        {
            Directory.Move(aside[0].FullName, target);
            aside.RemoveAt(0);
        }

        foreach (var leftover in aside.Concat(Directory.EnumerateDirectories(parent, $".{name}.{StagingPurpose}-*").Select(d => new DirectoryInfo(d)).Where(d => d.LinkTarget is null)))
        {
            if (ForeignEntries(leftover.FullName).Count == 0)
            {
                DeleteOurs(leftover.FullName);
            }
        }
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

        var outgoing = Sibling(target, ReplacedPurpose);
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

        try
        {
            DeleteOurs(outgoing);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The new results are in place; the old copy aside is removed by the next write (RecoverInterruptedSwap).
        }
    }

    /// <summary>
    /// Proves before a sweep trains that its results can be written at the end: the root can take a new file and
    /// an existing <paramref name="target"/> can be renamed (the swap's first step; an immutable folder cannot).
    /// </summary>
    /// <exception cref="EnvironmentException">Names the path and what is wrong (read-only, immutable, full).</exception>
    public static void RequireWritable(string resultsRoot, string target)
    {
        var probe = Path.Combine(resultsRoot, $".write-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(resultsRoot);
            File.WriteAllBytes(probe, [0]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            throw EnvironmentException.Writing(resultsRoot, ex);
        }

        if (Directory.Exists(target))
        {
            var aside = Sibling(target, ReplacedPurpose);
            try
            {
                Directory.Move(target, aside);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw EnvironmentException.Writing(target, ex);
            }

            Directory.Move(aside, target);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing was created, or it cannot be removed either: the message already names the path.
        }
    }

    // Only the product's own files go, one by one; the folders are removed only when that left them empty, so a
    // file that appeared after the check stays (in the renamed-aside folder) instead of being lost.
    private static void DeleteOurs(string folder)
    {
        foreach (var name in SweepResultsWriter.Files.Append(ReportGenerator.ReportFile))
        {
            // File.Delete of a missing file is a no-op.
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
