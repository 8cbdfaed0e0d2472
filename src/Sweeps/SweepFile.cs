using System.Text.Json;

namespace Orchestrator.Sweeps;

/// <summary>
/// Reads and validates sweep files (JSON). Validation is complete before anything is scheduled: every
/// error names its JSON path and what is allowed, and all errors are reported at once. The allowed
/// datasets, models and stopping methods are those of <see cref="SweepCatalogs"/> (by default the
/// libraries' own catalogs); devices are <see cref="Data.TrainingDevices"/>.
/// </summary>
public static class SweepFile
{
    /// <summary>Reads a sweep file from disk; a missing file is an error on path <c>$</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="catalogs">The names it may use; null for <see cref="SweepCatalogs.Default"/>.</param>
    public static SweepFileResult Load(string path, SweepCatalogs? catalogs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return new SweepFileResult(null, [new SweepValidationError("$", $"sweep file '{path}' does not exist")]);
        }

        var defaultName = Path.GetFileNameWithoutExtension(path);
        return Parse(File.ReadAllText(path), defaultName, catalogs, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Parses and validates sweep JSON; <paramref name="defaultName"/> names a sweep without <c>name</c>.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="defaultName">The name of a sweep that has none.</param>
    /// <param name="catalogs">The names it may use; null for <see cref="SweepCatalogs.Default"/>.</param>
    /// <param name="baseDirectory">The folder relative paths (models, data) are read from; null for the working directory.</param>
    public static SweepFileResult Parse(string json, string defaultName = "sweep", SweepCatalogs? catalogs = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new SweepFileResult(null, [new SweepValidationError("$", $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}")]);
        }

        using (document)
        {
            var reader = new SweepReader(catalogs ?? SweepCatalogs.Default, baseDirectory ?? Directory.GetCurrentDirectory());
            var definition = reader.ReadSweep(document.RootElement, defaultName);
            var errors = reader.Fields.Errors;
            return errors.Count == 0
                ? new SweepFileResult(definition, [])
                : new SweepFileResult(null, errors);
        }
    }

    private static string FirstSentence(string message)
    {
        // The parser quotes the offending token, which is the file's own text of any length: never echo it unbounded.
        const int Longest = 200;
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end < 0 ? message : message[..(end + 1)];
        return sentence.Length <= Longest ? sentence : sentence[..Longest] + "…";
    }
}
