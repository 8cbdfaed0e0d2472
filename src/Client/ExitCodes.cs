namespace Orchestrator.Client;

/// <summary>Process exit codes of the `orchestrator` CLI (a stable contract for scripts).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work ran but failed (a sweep with failed trials, a worker that crashed).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: arguments, files or settings. Nothing was started or written.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// The environment stopped the command (disk full, read-only or immutable folder, no permission): the message
    /// names the path; nothing previously written is lost and no temporary file is left.
    /// </summary>
    public const int Environment = 3;

    /// <summary>
    /// The cluster stopped answering for longer than the command waits, or lost the sweep being watched (its state
    /// is gone): nothing was written, and an empty result is never reported as success.
    /// </summary>
    public const int ClusterUnavailable = 4;

    /// <summary>Cancelled by the user (Ctrl-C); partial results say they are partial.</summary>
    public const int Cancelled = 130;
}
