using Microsoft.Extensions.Logging;

namespace Orchestrator.Grains;

/// <summary>
/// Grain-state writes that outlive a Redis pause or restart (issue 16, items 6 and 7). A storage error is taken
/// as transient: the write is tried again with a doubling backoff until <see cref="Budget"/> has passed, and only
/// then fails. A version conflict (<see cref="Orleans.Storage.InconsistentStateException"/>) is retried the same way,
/// after reading the stored ETag back, and our state is written over the stored one: every grain here is its state's
/// only writer (Orleans keeps one activation per grain), so a conflict means Redis lost our last write (AOF with
/// <c>appendfsync everysec</c> can lose the last second before a crash) or a write that timed out on our side landed
/// after all; in both cases the state in memory is the one to keep.
/// </summary>
public static partial class StorageRetry
{
    /// <summary>How long a write keeps trying: a 10 s pause and a Redis restart fit with room to spare.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    /// <summary>Writes <paramref name="state"/>, retrying transient storage errors.</summary>
    public static Task WriteDurablyAsync<T>(this IPersistentState<T> state, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return RunAsync(
            () => state.WriteStateAsync(cancellationToken),
            async () =>
            {
                var wanted = state.State;
                await state.ReadStateAsync(cancellationToken);
                state.State = wanted;
            },
            logger,
            cancellationToken);
    }

    /// <summary>Clears <paramref name="state"/> (deletes its record), retrying transient storage errors.</summary>
    public static Task ClearDurablyAsync<T>(this IPersistentState<T> state, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return RunAsync(() => state.ClearStateAsync(cancellationToken), () => state.ReadStateAsync(cancellationToken), logger, cancellationToken);
    }

    /// <summary>
    /// Runs one storage operation until it succeeds or the budget is spent. <paramref name="refreshETag"/> runs
    /// before every retry: an earlier attempt may have landed, or Redis may have lost it.
    /// </summary>
    public static async Task RunAsync(Func<Task> operation, Func<Task> refreshETag, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(refreshETag);
        var deadline = DateTime.UtcNow + Budget;
        var delay = FirstDelay;
        var failedBefore = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (failedBefore)
                {
                    // Reads fail too while Redis is away; the refresh is part of the attempt.
                    await refreshETag();
                }

                await operation();
                if (attempt > 1)
                {
                    LogRecovered(logger, attempt);
                }

                return;
            }
            catch (Exception ex) when (IsTransient(ex) && DateTime.UtcNow + delay < deadline)
            {
                failedBefore = true;
                LogRetrying(logger, ex, attempt, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// Storage errors (Redis timeouts and lost connections arrive wrapped by the provider, whose exception types this
    /// project does not reference) are transient; bugs in our own arguments and cancellation are not.
    /// </summary>
    private static bool IsTransient(Exception ex) =>
        ex is not (ArgumentException or OperationCanceledException or NullReferenceException or InvalidCastException or NotSupportedException);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage failed (attempt {Attempt}); trying again in {DelaySeconds:0.0} s")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage answered again after {Attempt} attempts")]
    private static partial void LogRecovered(ILogger logger, int attempt);
}
