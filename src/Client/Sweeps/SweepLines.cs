using System.Globalization;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Sweeps;

/// <summary>
/// A watch rendered for a log or a pipe: one line per trial state change, and one per epoch of each trial as it
/// is pushed (loss, TOP's distance raw and smoothed), so a redirected run shows progress, not silence, between
/// state changes. Lines stay within 80 columns for the usual short trial ids.
/// </summary>
internal sealed class SweepLines(TextWriter output) : ISweepProgress
{
    private readonly Dictionary<string, TrialState> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _maxEpochs = new(StringComparer.Ordinal);

    public void OnStatus(SweepStatus status)
    {
        foreach (var trial in status.Trials)
        {
            _maxEpochs[trial.Spec.Id] = trial.Spec.MaxEpochs;
            if (!_seen.TryGetValue(trial.Spec.Id, out var state) || state != trial.State)
            {
                _seen[trial.Spec.Id] = trial.State;
                var reason = trial.Reason.Length > 0 ? $" ({trial.Reason})" : string.Empty;
                output.WriteLine($"{trial.Spec.Id} {(trial.Spec.IsRefit ? "refit " : string.Empty)}{trial.Spec.Stopping.Describe()} seed {trial.Spec.Seed}: {trial.State} after {trial.EpochsRun} epochs{reason} — {SweepView.Progress(status)}");
            }
        }
    }

    public void OnEpoch(string trialId, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var of = _maxEpochs.TryGetValue(trialId, out var max) && max > 0 ? string.Create(CultureInfo.InvariantCulture, $"/{max}") : string.Empty;
        var line = string.Create(CultureInfo.InvariantCulture, $"{trialId} epoch {record.Epoch}{of}: loss {record.Losses.Training:G4}");
        if (record.Signals.Distance is { } distance)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", distance {distance:G4}");
            if (record.Signals.SmoothedDistance is { } smoothed)
            {
                line += string.Create(CultureInfo.InvariantCulture, $" (smoothed {smoothed:G4})");
            }
        }

        if (record.Losses.Validation is { } validation)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", val loss {validation:G4}");
        }

        output.WriteLine(record.Decision.Length > 0 ? line + ": stop" : line);
    }
}
