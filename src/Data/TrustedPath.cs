namespace Orchestrator.Data;

/// <summary>
/// The rules for a file a sweep names: relative paths are read from the sweep file's folder and may not climb out
/// of it (<c>..</c>); no part of the path may be a symbolic link; and a file whose loading runs user code
/// (TorchScript, plugins) must lie under a directory the silo trusts.
/// </summary>
public static class TrustedPath
{
    /// <summary>The full path of <paramref name="written"/> read from <paramref name="baseDirectory"/>, or null with the <paramref name="problem"/>.</summary>
    public static string? Resolve(string written, string baseDirectory, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        problem = null;
        if (written.Trim().Length == 0)
        {
            problem = "must be a non-empty path";
            return null;
        }

        if (written.Replace('\\', '/').Split('/').Contains(".."))
        {
            problem = $"'{written}' contains '..'; name files inside the sweep file's folder, or by an absolute path under a trusted directory";
            return null;
        }

        var full = Path.GetFullPath(Path.IsPathRooted(written) ? written : Path.Combine(baseDirectory, written));
        if (!File.Exists(full))
        {
            problem = $"'{written}' does not exist (looked for {full}; relative paths are read from the sweep file's folder)";
            return null;
        }

        var link = FirstLink(full, Path.IsPathRooted(written) ? Path.GetPathRoot(full)! : Path.GetFullPath(baseDirectory));
        if (link is not null)
        {
            problem = $"'{written}' goes through the symbolic link {link}; name the real file (links could lead outside the trusted directories)";
            return null;
        }

        return full;
    }

    /// <summary>Null when <paramref name="fullPath"/> lies under one of <paramref name="trustedDirectories"/> with no symbolic link on the way; else why not.</summary>
    public static string? Problem(string fullPath, IReadOnlyList<string> trustedDirectories)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        ArgumentNullException.ThrowIfNull(trustedDirectories);
        var full = Path.GetFullPath(fullPath);
        foreach (var directory in trustedDirectories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))))
        {
            if (full.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return FirstLink(full, directory) is { } link
                    ? $"{full} goes through the symbolic link {link}; links could lead outside the trusted directories"
                    : null;
            }
        }

        return $"{full} is not under a trusted model directory ({string.Join(", ", trustedDirectories)}); start the silo with --models-dir DIR (or set ORCHESTRATOR_MODELS_DIR) for the folder of your models. Loading a model runs its code in the silo.";
    }

    /// <summary>The directories a silo trusts when none are configured: <c>ORCHESTRATOR_MODELS_DIR</c> (':'-separated), else the working directory.</summary>
    public static IReadOnlyList<string> DefaultTrustedDirectories()
    {
        var configured = Environment.GetEnvironmentVariable("ORCHESTRATOR_MODELS_DIR");
        return string.IsNullOrWhiteSpace(configured)
            ? [Directory.GetCurrentDirectory()]
            : [.. configured.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string? FirstLink(string full, string root)
    {
        for (var current = full; current.Length > root.Length && current.StartsWith(root, StringComparison.Ordinal); current = Path.GetDirectoryName(current)!)
        {
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                return current;
            }
        }

        return null;
    }
}
