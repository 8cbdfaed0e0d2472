using System.Globalization;

namespace Orchestrator.Silo;

/// <summary>
/// Ends a worker started by a front end when that front end dies, even by <c>kill -9</c> (no signal to forward):
/// the front end sets <see cref="Variable"/>, and the worker polls its parent process id, which changes (to 1 or
/// a subreaper) the moment the parent is gone. Linux only (<c>/proc/self/stat</c>); elsewhere it never fires.
/// </summary>
internal static class ParentWatch
{
    /// <summary>Set to <c>1</c> by a front end that starts this worker and wants it gone with itself.</summary>
    public const string Variable = "ORCHESTRATOR_PARENT_WATCH";

    /// <summary>How often the parent is looked at: the longest a worker outlives its front end before stopping.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    /// <summary>Calls <paramref name="onParentGone"/> once when the parent process changes; returns at once when not asked to watch.</summary>
    public static void Start(Action onParentGone, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1" || ParentId() is not int parent)
        {
            return;
        }

        _ = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(Period);
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (ParentId() != parent)
                    {
                        await Console.Error.WriteLineAsync($"the process that started this worker (pid {parent}) is gone: stopping.").ConfigureAwait(false);
                        onParentGone();
                        return;
                    }
                }
            },
            CancellationToken.None);
    }

    /// <summary>The parent pid from <c>/proc/self/stat</c> (the field after the state, after the command's closing parenthesis).</summary>
    private static int? ParentId()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
