namespace Orchestrator.Security;

/// <summary>
/// Where secrets come from: a file (its path given by option or by <c>NAME_FILE</c>) or the variable <c>NAME</c>
/// itself, never a command-line value, because arguments are visible to every user in <c>ps</c> and land in logs.
/// </summary>
public static class Secret
{
    /// <summary>Longest secret file read (a password or a key passphrase; a bigger file is the wrong file).</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>
    /// The secret from <paramref name="file"/> when given, else from the file named by <c>{variable}_FILE</c>, else the
    /// variable itself; null when none is set. One trailing newline of a file is dropped (what `echo` writes).
    /// </summary>
    public static string? Read(string variable, string? file = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        var path = string.IsNullOrEmpty(file) ? Environment.GetEnvironmentVariable(variable + "_FILE") : file;
        if (!string.IsNullOrEmpty(path))
        {
            return ReadFile(path, string.IsNullOrEmpty(file) ? variable + "_FILE" : "the file option");
        }

        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string ReadFile(string path, string source)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new SecurityConfigurationException($"{path} (from {source}) does not exist: write the secret into that file (mode 0600) or fix the path");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SecurityConfigurationException($"{path} (from {source}) cannot be read: {ex.Message}", ex);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new SecurityConfigurationException($"{path} (from {source}) holds {info.Length} bytes: a secret file holds one password (at most {MaxFileBytes} bytes)");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityConfigurationException($"{path} (from {source}) cannot be read: {ex.Message}", ex);
        }

        text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return text.Length == 0
            ? throw new SecurityConfigurationException($"{path} (from {source}) is empty: write the secret into it")
            : text;
    }
}
