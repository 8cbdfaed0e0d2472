using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Dashboard.Views;

namespace Orchestrator.Dashboard.Live;

/// <summary>
/// The sink a <see cref="SweepMonitor"/> reports to for the dashboard: each pushed epoch and each changed trial
/// becomes one browser event (only trials that changed since the last status, so a poll of 100 trials costs
/// nothing when nothing moved).
/// </summary>
public sealed class LiveSweepProgress(string sweepId, LiveEvents events) : ISweepProgress
{
    private readonly Dictionary<string, TrialStatus> _seen = new(StringComparer.Ordinal);
    private SweepState? _state;

    public void OnStatus(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (var trial in status.Trials)
        {
            if (!_seen.TryGetValue(trial.Spec.Id, out var held) || held != trial)
            {
                _seen[trial.Spec.Id] = trial;
                events.Publish(sweepId, "trial", TrialView.Of(trial));
            }
        }

        if (_state != status.State)
        {
            _state = status.State;
            events.Publish(sweepId, "sweep", SweepView.Of(status, live: true, withTrials: false));
        }
    }

    public void OnEpoch(string trialId, EpochRecord record) => events.Publish(sweepId, "epoch", new EpochEvent(trialId, EpochView.Of(record)));

    /// <summary>The body of an <c>epoch</c> event.</summary>
    public sealed record EpochEvent(string TrialId, EpochView Epoch);
}
