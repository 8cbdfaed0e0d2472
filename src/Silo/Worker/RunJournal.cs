using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orchestrator.Silo.Worker;

/// <summary>
/// What the worker keeps next to a checkpoint (<c>CHECKPOINT.journal.json</c>) so that a resumed run
/// continues its criterion and distances too: the epoch records so far (replayed into a fresh
/// criterion, which reproduces its decisions) and the last connectome (so the first resumed epoch
/// has a distance to its predecessor).
/// </summary>
internal sealed record RunJournal(IReadOnlyList<EpochRecord> Records, int ConnectomeSize, string LastConnectome)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static string PathFor(string checkpointPath) => checkpointPath + ".journal.json";

    public float[] LastConnectomeValues() => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(LastConnectome)).ToArray();

    public static RunJournal Create(IReadOnlyList<EpochRecord> records, int size, float[] connectome) =>
        new(records, size, Convert.ToBase64String(MemoryMarshal.AsBytes(connectome.AsSpan())));

    public void Write(string checkpointPath)
    {
        var path = PathFor(checkpointPath);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, _json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The journal of <paramref name="checkpointPath"/>, or null when there is none.</summary>
    public static RunJournal? TryRead(string checkpointPath)
    {
        var path = PathFor(checkpointPath);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunJournal>(File.ReadAllText(path), _json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{path} is not a readable run journal ({ex.Message}); delete it to resume without the criterion's history.", ex);
        }
    }
}
