using Orchestrator.Contracts;

namespace Orchestrator.Dashboard.Views;

/// <summary>One trial as the browser sees it: every parameter flat, so the table can sort and filter by any of them.</summary>
public sealed record TrialView(
    string Id,
    string Dataset,
    string Model,
    double Fraction,
    double LearningRate,
    double Momentum,
    int BatchSize,
    double WeightDecay,
    double Width,
    int Seed,
    string Method,
    string MethodName,
    string State,
    bool Final,
    string Reason,
    int EpochsRun,
    int MaxEpochs,
    int? StopEpoch,
    double? TestAccuracy,
    double? TestLoss,
    double? LastLoss,
    double? LastDistance,
    double Seconds,
    int Restarts)
{
    /// <summary>Epochs the trial did not need to train because its criterion stopped it early.</summary>
    public int EpochsSaved => State == nameof(TrialState.Stopped) && StopEpoch is { } stop ? Math.Max(0, MaxEpochs - stop) : 0;

    public static TrialView Of(TrialStatus trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var s = trial.Spec;
        return new TrialView(
            s.Id, s.Dataset, s.Model, s.Fraction, s.LearningRate, s.Momentum, s.BatchSize, s.WeightDecay, s.Width, s.Seed,
            s.Stopping.Describe(), s.Stopping.Name, trial.State.ToString(), trial.State.IsFinal(), trial.Reason, trial.EpochsRun, s.MaxEpochs,
            trial.StopEpoch, Finite.OrNull(trial.TestAccuracy), Finite.OrNull(trial.TestLoss), Finite.OrNull(trial.LastLoss),
            Finite.OrNull(trial.LastDistance), Math.Round(trial.Seconds, 3), trial.Restarts);
    }
}
