namespace Orchestrator.Client.Core;

/// <summary>
/// The machine, not the input, stopped the command: a disk full, a read-only or immutable folder, no permission.
/// The message names the path and what is wrong; nothing previously written was lost and no temporary file was
/// left behind. The CLI prints it on stderr and exits with code 3.
/// </summary>
public sealed class EnvironmentException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Turns an I/O failure on <paramref name="path"/> into the message a user can act on.</summary>
    public static EnvironmentException Writing(string path, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var what = cause switch
        {
            UnauthorizedAccessException => "it is read-only or not writable by this user (or immutable: lsattr)",
            IOException io when (io.HResult & 0xFFFF) == 28 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "the disk is full",
            IOException io when io.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "the file system is read-only",
            _ => cause.Message,
        };
        return new EnvironmentException($"cannot write {path}: {what}. Free space or make it writable, or write elsewhere with --results DIR; results already there are unchanged.", cause);
    }
}
