using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// The real in-memory grain storage with a tally: every write's serialized size (Orleans' binary serializer, as
/// the silos store it in Redis), by the written id's grain type. Measures what a grain writes, changes nothing.
/// </summary>
internal sealed class CountingGrainStorage(IGrainStorage inner, Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentQueue<(string GrainType, string GrainId, int Bytes)> _writes = new();

    public IReadOnlyList<(string GrainType, string GrainId, int Bytes)> Writes => [.. _writes];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _writes.Enqueue((grainId.Type.ToString()!, grainId.ToString(), serializer.SerializeToArray(grainState.State).Length));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
