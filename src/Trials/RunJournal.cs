using System.Runtime.InteropServices;
using System.Text.Json;
using Orchestrator.Contracts;

namespace Orchestrator.Trials;

/// <summary>
/// What a local run keeps next to its checkpoint (<c>CHECKPOINT.journal.json</c>) so that a resumed run
/// continues its criterion and distances too: the epoch records so far (replayed into a fresh criterion
/// by <see cref="TopologySeries"/>, which reproduces its decisions) and the last connectome (so the first
/// resumed epoch has a distance to its predecessor).
/// </summary>
/// <param name="Records">The records up to the checkpoint, in epoch order.</param>
/// <param name="ConnectomeSize">n of the last connectome (0: none kept).</param>
/// <param name="LastConnectome">The last epoch's float32 upper triangle, as base64 of its little-endian bytes.</param>
public sealed record RunJournal(IReadOnlyList<EpochRecord> Records, int ConnectomeSize, string LastConnectome)
{
    // A diverged NaN signal must round-trip: System.Text.Json refuses bare NaN.
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Where the journal of <paramref name="checkpointPath"/> lives.</summary>
    public static string PathFor(string checkpointPath) => checkpointPath + ".journal.json";

    /// <summary>The last connectome's upper triangle.</summary>
    public float[] LastConnectomeValues() => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(LastConnectome)).ToArray();

    /// <summary>A journal of <paramref name="records"/> ending with the connectome <paramref name="connectome"/> (raw float32 bytes).</summary>
    public static RunJournal Create(IReadOnlyList<EpochRecord> records, int size, ReadOnlySpan<byte> connectome) =>
        new(records, size, Convert.ToBase64String(connectome));

    /// <summary>Writes the journal next to <paramref name="checkpointPath"/> atomically.</summary>
    public void Write(string checkpointPath)
    {
        var path = PathFor(checkpointPath);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, _json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// What makes a deserialised journal unusable, or null: JSON that parses can still hold nulls, epochs out of
    /// order or a connectome whose bytes do not match its size, which would otherwise fail deep in the replay.
    /// </summary>
    private string? Problem()
    {
        if (Records is null || Records.Any(r => r is null || r.Losses is null || r.Signals is null || r.Seconds is null))
        {
            return "records missing or incomplete";
        }

        for (var i = 0; i < Records.Count; i++)
        {
            if (Records[i].Epoch < 1 || Records[i].Epoch > Data.EpochLimit.Max || (i > 0 && Records[i].Epoch <= Records[i - 1].Epoch))
            {
                return $"record {i} has epoch {Records[i].Epoch}; epochs must rise from 1 to at most {Data.EpochLimit.Max}";
            }
        }

        if (ConnectomeSize < 0 || LastConnectome is null)
        {
            return $"connectomeSize {ConnectomeSize} or lastConnectome missing";
        }

        var expected = (long)ConnectomeSize * (ConnectomeSize - 1) / 2 * sizeof(float);
        if (ConnectomeSize > 0 && (LastConnectome.Length > 4 * ((expected + 2) / 3) || !IsBase64Of(LastConnectome, expected)))
        {
            return $"lastConnectome is not the {expected} bytes a connectome of n = {ConnectomeSize} holds";
        }

        return null;
    }

    private static bool IsBase64Of(string text, long bytes)
    {
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == bytes;
    }

    /// <summary>The journal of <paramref name="checkpointPath"/>, or null when there is none.</summary>
    /// <exception cref="ArgumentException">The journal exists but cannot be read; the message says how to go on.</exception>
    public static RunJournal? TryRead(string checkpointPath)
    {
        var path = PathFor(checkpointPath);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.TryGetProperty("records", out var records)
                && records.ValueKind == JsonValueKind.Array
                && records.EnumerateArray().Any(r => !r.TryGetProperty("losses", out _)))
            {
                // Flat records of an older worker would read as zero losses and no distances: a silently wrong replay.
                throw new ArgumentException($"{path} was written by an older version (flat epoch records); delete it to resume without the criterion's history.");
            }

            var journal = document.Deserialize<RunJournal>(_json);
            if (journal?.Problem() is { } problem)
            {
                throw new ArgumentException($"{path} is not a readable run journal ({problem}); delete it to resume without the criterion's history.");
            }

            return journal;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ArgumentException($"{path} is not a readable run journal ({ex.Message}); delete it to resume without the criterion's history.", ex);
        }
    }
}
