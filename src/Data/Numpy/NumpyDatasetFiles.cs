using System.Text.Json;

namespace Orchestrator.Data.Numpy;

/// <summary>
/// A user's data set in NumPy files: one <c>.npz</c> archive with arrays <c>x_train</c>, <c>y_train</c>,
/// <c>x_test</c>, <c>y_test</c> (the layout of <c>keras.datasets</c>), or those four as separate <c>.npy</c> files.
/// Paths are absolute. Its canonical text (<see cref="ToString"/>) is what a trial carries as its dataset.
/// </summary>
/// <param name="Archive">The .npz file, or null for separate files.</param>
/// <param name="Arrays">The .npy file of each array (empty for an archive).</param>
public sealed record NumpyDatasetFiles(string? Archive, IReadOnlyDictionary<string, string> Arrays)
{
    private const string ArchivePrefix = "npz:";
    private const string FilesPrefix = "npy:";

    /// <summary>The four arrays every data set has.</summary>
    public static readonly IReadOnlyList<string> ArrayNames = ["x_train", "y_train", "x_test", "y_test"];

    /// <summary>An archive's reference.</summary>
    public static NumpyDatasetFiles FromArchive(string path) => new(path, new Dictionary<string, string>());

    /// <summary>The canonical text: <c>npz:/abs/data.npz</c> or <c>npy:{"x_test": "/abs/…", …}</c> (keys sorted).</summary>
    public override string ToString() => Archive is { } archive
        ? ArchivePrefix + archive
        : FilesPrefix + JsonSerializer.Serialize(new SortedDictionary<string, string>(Arrays.ToDictionary(), StringComparer.Ordinal));

    /// <summary>True when <paramref name="text"/> is a NumPy data set's canonical text.</summary>
    public static bool IsReference(string text) =>
        text is not null && (text.StartsWith(ArchivePrefix, StringComparison.Ordinal) || text.StartsWith(FilesPrefix, StringComparison.Ordinal));

    /// <summary>Reads the canonical text written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not a NumPy data set's canonical text.</exception>
    public static NumpyDatasetFiles Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith(ArchivePrefix, StringComparison.Ordinal))
        {
            return FromArchive(text[ArchivePrefix.Length..]);
        }

        if (text.StartsWith(FilesPrefix, StringComparison.Ordinal)
            && JsonSerializer.Deserialize<Dictionary<string, string>>(text[FilesPrefix.Length..]) is { } arrays)
        {
            return new NumpyDatasetFiles(null, arrays);
        }

        throw new FormatException($"'{text}' is not a NumPy data set reference (npz:PATH or npy:{{...}}).");
    }

    /// <summary>A short name for tables: the archive's or the x_train file's name.</summary>
    public string DisplayName => Path.GetFileName(Archive ?? Arrays.GetValueOrDefault("x_train") ?? "numpy");
}
