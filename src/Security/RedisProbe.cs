using StackExchange.Redis;

namespace Orchestrator.Security;

/// <summary>
/// Asks Redis for a PING with the cluster's credentials before Orleans is given them, because Orleans' providers
/// retry a refused password forever with a stack trace; this says in one line what is wrong and how to fix it.
/// </summary>
public static class RedisProbe
{
    /// <summary>How long the probe waits for Redis to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Null when Redis answered the PING; otherwise what is wrong and the fix.</summary>
    public static async Task<string?> CheckAsync(RedisConnection redis, string option = "--redis")
    {
        ArgumentNullException.ThrowIfNull(redis);
        var options = redis.ToConfiguration();
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.SyncTimeout = (int)Timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        options.AbortOnConnectFail = true;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options, TextWriter.Null).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (RedisConnectionException ex) when (ex.FailureType == ConnectionFailureType.AuthenticationFailure || IsAuthentication(ex))
        {
            return Refused(redis, option);
        }
        catch (RedisServerException ex) when (IsAuthentication(ex))
        {
            return Refused(redis, option);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or RedisTimeoutException)
        {
            return $"{option}: Redis at {redis.Endpoint} did not answer: {RedisConnection.Scrub(ex.Message)}";
        }
    }

    private static string Refused(RedisConnection redis, string option) => redis.Password is null
        ? $"{option}: Redis at {redis.Endpoint} requires a password: put it in a file (mode 0600) and set {RedisConnection.PasswordVariable}_FILE=FILE (a silo also takes --redis-password-file FILE), or set {RedisConnection.PasswordVariable}"
        : $"{option}: Redis at {redis.Endpoint} refused the {(redis.User is null ? "password" : $"user {redis.User} or its password")}: check the file named by {RedisConnection.PasswordVariable}_FILE or a silo's --redis-password-file (or {RedisConnection.PasswordVariable}){(redis.User is null ? string.Empty : $" and {RedisConnection.UserVariable}")}";

    private static bool IsAuthentication(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal) ||
                e.Message.Contains("AuthenticationFailure", StringComparison.Ordinal) || e.Message.Contains("invalid password", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
