using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orchestration.Bench;

/// <summary>
/// A grain storage that passes every call to the real one (here Redis) and tallies each write's serialized size by
/// the written id's grain type: what the grains write, measured where it is written.
/// </summary>
internal sealed class CountingGrainStorage(IGrainStorage inner, Serializer serializer, WriteTally tally) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        tally.Add(grainId.Type.ToString()!, serializer.SerializeToArray(grainState.State).Length);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>Writes and bytes per grain type, shared by the silos of one process.</summary>
internal sealed class WriteTally
{
    private readonly ConcurrentDictionary<string, (long Writes, long Bytes)> _byType = new(StringComparer.Ordinal);

    public void Add(string grainType, int bytes) => _byType.AddOrUpdate(grainType, (1, bytes), (_, held) => (held.Writes + 1, held.Bytes + bytes));

    public (long Writes, long Bytes) Of(params string[] grainTypes) =>
        grainTypes.Select(t => _byType.GetValueOrDefault(t)).Aggregate((0L, 0L), (sum, x) => (sum.Item1 + x.Writes, sum.Item2 + x.Bytes));

    public void Clear() => _byType.Clear();
}
