namespace Orchestrator.Client.Files;

/// <summary>
/// Reads and writes matrix files, choosing the format by extension (<c>.csv</c>, <c>.npy</c>). Every
/// problem becomes an <see cref="InputException"/> naming the option, the file and the place. Writes go
/// to a temporary file in the target directory that is renamed into place only when complete, so a
/// failed command never leaves a half-written file behind.
/// </summary>
internal static class MatrixFile
{
    private static readonly IMatrixFormat[] Formats = [new CsvMatrixFormat(), new NpyMatrixFormat()];

    /// <summary>The format for <paramref name="path"/>'s extension.</summary>
    public static IMatrixFormat FormatOf(string path, string option)
    {
        var extension = Path.GetExtension(path);
        return Formats.FirstOrDefault(f => string.Equals(f.Extension, extension, StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException(
                $"{option} '{path}': unknown file type '{extension}'; use {string.Join(" or ", Formats.Select(f => f.Extension))}.");
    }

    public static DenseMatrix Read(string path, string option)
    {
        var format = FormatOf(path, option);
        var source = $"{option} '{path}'";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return format.Read(stream, source);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{source}: file not found.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{source}: permission denied (or it is a directory).");
        }
        catch (IOException ex)
        {
            throw new InputException($"{source}: cannot be read: {ex.Message}");
        }
    }

    /// <summary>Writes <paramref name="matrix"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, DenseMatrix matrix, string option)
    {
        var format = FormatOf(path, option);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new InputException($"{option} '{path}': the directory '{directory}' does not exist.");
        }

        if (Directory.Exists(full))
        {
            throw new InputException($"{option} '{path}' is a directory; give a file name.");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                format.Write(stream, matrix);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option} '{path}': cannot be written: {ex.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Narrows a parsed value to float32, rejecting finite values beyond its range (they would turn into ±∞ unseen).</summary>
    public static float ToSingle(double value, string source, int row, int column)
    {
        var single = (float)value;
        if (float.IsInfinity(single) && double.IsFinite(value))
        {
            throw new InputException($"{source}: row {row}, column {column}: {value:R} is beyond the float32 range (±3.4e38).");
        }

        return single;
    }
}
