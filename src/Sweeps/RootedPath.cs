namespace Orchestrator.Sweeps;

/// <summary>
/// Builds a path under a root from plain name segments and proves it stays there: no segment is absolute,
/// empty, "." or "..", or holds a separator, the resolved path is inside the resolved root, and no folder or
/// file on the way below the root is a symbolic link (which could point anywhere).
/// </summary>
public static class RootedPath
{
    /// <summary>The full path of <paramref name="segments"/> under <paramref name="root"/>.</summary>
    /// <exception cref="ArgumentException">A segment would leave the root; the message names it.</exception>
    public static string Under(string root, params string[] segments)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(segments);
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var current = fullRoot;
        foreach (var segment in segments)
        {
            if (string.IsNullOrEmpty(segment) || segment is "." or ".." || Path.IsPathRooted(segment)
                || segment.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                throw new ArgumentException($"path segment {BoundedQuote.Of(segment)} would leave '{fullRoot}'; use a plain name", nameof(segments));
            }

            current = Path.Combine(current, segment);
            if (IsLink(current))
            {
                throw new ArgumentException($"'{current}' is a symbolic link; the product writes only to real folders under '{fullRoot}'", nameof(segments));
            }
        }

        var full = Path.GetFullPath(current);
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{full}' is not under '{fullRoot}'", nameof(segments));
        }

        return full;
    }

    private static bool IsLink(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.Exists && info.LinkTarget is not null;
    }
}
