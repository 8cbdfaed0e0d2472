using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>The cluster's list of sweeps.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", OrchestratorStorage.Name)] IPersistentState<SweepRegistryState> state,
    ILogger<SweepRegistryGrain> logger) : Grain, ISweepRegistryGrain
{
    /// <inheritdoc />
    public async Task Register(string sweepId)
    {
        // `sweep list` turns each id into commands and folders: only ids of the SafeId grammar are listed.
        Sweeps.SafeId.Require(sweepId, "sweep id");
        if (!state.State.SweepIds.Contains(sweepId))
        {
            state.State = new SweepRegistryState { SweepIds = state.State.SweepIds.Add(sweepId) };
            await state.WriteDurablyAsync(logger);
        }
    }

    /// <inheritdoc />
    public async Task Unregister(string sweepId)
    {
        if (state.State.SweepIds.Contains(sweepId))
        {
            state.State = new SweepRegistryState { SweepIds = state.State.SweepIds.Remove(sweepId) };
            await state.WriteDurablyAsync(logger);
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.SweepIds.ToImmutableArray());
}
