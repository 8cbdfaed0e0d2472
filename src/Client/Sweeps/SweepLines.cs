using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Sweeps;

/// <summary>A watch rendered for a log or a pipe: one line per trial state change.</summary>
internal sealed class SweepLines(TextWriter output) : ISweepProgress
{
    private readonly Dictionary<string, TrialState> _seen = new(StringComparer.Ordinal);

    public void OnStatus(SweepStatus status)
    {
        foreach (var trial in status.Trials)
        {
            if (!_seen.TryGetValue(trial.Spec.Id, out var state) || state != trial.State)
            {
                _seen[trial.Spec.Id] = trial.State;
                var reason = trial.Reason.Length > 0 ? $" ({trial.Reason})" : string.Empty;
                output.WriteLine($"{trial.Spec.Id} {(trial.Spec.IsRefit ? "refit " : string.Empty)}{trial.Spec.Stopping.Describe()} seed {trial.Spec.Seed}: {trial.State} after {trial.EpochsRun} epochs{reason} — {SweepView.Progress(status)}");
            }
        }
    }
}
