using Orchestrator.Contracts;

namespace Orchestrator.Grains;

/// <summary>
/// `sweep delete`: removes every key the sweep's grains wrote (issue 16, item 14: keys used to stay in Redis for
/// good). Trials' grain state first, then the per-trial records, the coordinator's own state and the registry
/// entry last, so a delete cut short can simply be run again.
/// </summary>
public sealed partial class SweepCoordinatorGrain
{
    /// <summary>How many trials' run and topology grains are asked to forget at once.</summary>
    private const int ForgetBatch = 32;

    /// <inheritdoc />
    public async Task<int> Delete()
    {
        SafeIdCheck();
        if (state.State.Definition is null && !state.RecordExists)
        {
            // Nothing stored; a registry entry left by a lost sweep still goes.
            await GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).Unregister(SweepId);
            return 0;
        }

        if (state.State.State == SweepState.Running || Trials.Any(t => t.State == TrialState.Running))
        {
            throw new SweepRejectedException(
                $"sweep {SweepId} is {(state.State.State == SweepState.Running ? "running" : "still stopping its running trials")}: cancel it first (`orchestrator sweep cancel {SweepId} --redis …`), then delete it");
        }

        var trials = Trials;
        for (var start = 0; start < trials.Length; start += ForgetBatch)
        {
            await Task.WhenAll(trials.Skip(start).Take(ForgetBatch).SelectMany(t => new[]
            {
                GrainFactory.GetGrain<ITrainingRunGrain>(t.Spec.GrainKey).Forget(),
                GrainFactory.GetGrain<ITopologyGrain>(t.Spec.GrainKey).Forget(),
            }));
        }

        await trialRecords.DeleteAsync(SweepId, 0, Math.Max(state.State.TrialCount, _records.Count));
        _watchdog?.Dispose();
        _watchdog = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        if (state.RecordExists)
        {
            await state.ClearDurablyAsync(logger);
        }

        await GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).Unregister(SweepId);
        state.State = new SweepCoordinatorState();
        _saved = state.State;
        _trials = [];
        _records.Clear();
        _objectives.Clear();
        _dirty.Clear();
        _study = null;
        DeactivateOnIdle();
        return trials.Length;
    }

    private void SafeIdCheck() => Orchestrator.Sweeps.SafeId.Require(SweepId, "sweep id");
}
