using System.Diagnostics;
using System.Text;

namespace Orchestrator.Tests;

/// <summary>
/// Seeded random mutations of valid inputs for the fuzz tests (issue 16): each test runs for a bounded time
/// (<see cref="Budget"/>) from a fixed seed, so a failure names the seed and iteration that reproduce it.
/// </summary>
internal static class Fuzz
{
    /// <summary>How long one fuzz test mutates: a few seconds, so the tests run in CI on every build.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>Numbers that break naive readers: huge, negative, zero, non-finite spellings, overflowing integers.</summary>
    private static readonly string[] Extremes = ["1e300", "-1", "0", "-0", "2147483648", "-2147483649", "9223372036854775808", "1e-320", "NaN", "Infinity", "\"\"", "null", "true", "[]", "{}", "\"../../x\"", "1.5"];

    /// <summary>Runs <paramref name="body"/> with a fresh mutation of <paramref name="valid"/> until the budget is spent; returns the iterations run.</summary>
    public static int Run(int seed, IReadOnlyList<byte[]> valid, Action<byte[], int> body, int maxIterations = int.MaxValue)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var iteration = 0;
        while (clock.Elapsed < Budget && iteration < maxIterations)
        {
            var input = Mutate(random, valid[random.Next(valid.Count)]);
            try
            {
                body(input, iteration);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"seed {seed}, iteration {iteration}: unhandled {ex.GetType().Name}: {ex.Message}\ninput (first 300 bytes): {Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 300))}", ex);
            }

            iteration++;
        }

        return iteration;
    }

    /// <summary>One to three random edits: bit flips, random bytes, truncation, a repeated or removed slice, an extreme number.</summary>
    public static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = input.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    var slice = bytes.GetRange(at, length);
                    for (var r = random.Next(1, 50); r > 0; r--)
                    {
                        bytes.InsertRange(at, slice);
                    }

                    break;
                case 4:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 32), bytes.Count - at));
                    break;
                case 5:
                    // Replace a run of digits (a number in JSON or CSV) with an extreme value.
                    var start = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
                    if (start >= 0)
                    {
                        var end = start;
                        while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'e' or (byte)'-')
                        {
                            end++;
                        }

                        bytes.RemoveRange(start, end - start);
                        bytes.InsertRange(start, Encoding.ASCII.GetBytes(Extremes[random.Next(Extremes.Length)]));
                    }

                    break;
                default:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(Extremes[random.Next(Extremes.Length)]));
                    break;
            }
        }

        return [.. bytes];
    }
}
