namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// Epochs a search trained against running every one of its trials to <c>maxEpochs</c>, and who saved the
/// difference: the cross-trial scheduler (trials that ended <c>Pruned</c>), the per-trial criterion (trials that
/// ended <c>Stopped</c> or <c>Completed</c>: TOP, VL, … or the criterion's own epoch limit), or neither (trials that
/// diverged, failed, were cancelled or had not finished). Epochs trained are each trial's <c>epochs_run</c> in
/// trials.csv (the run's own count, which includes an epoch that diverged and was therefore not recorded in
/// epochs.csv). The four parts always add up: trained + saved by pruning + saved by the criterion + not run by the
/// others = trials × maxEpochs.
/// </summary>
internal sealed record EpochsSaved(int Trials, int MaxEpochs, int Trained, int ByPruning, int ByCriterion, int Otherwise)
{
    /// <summary>What every trial would have trained had nothing stopped it.</summary>
    public int AtMaxEpochs => Trials * MaxEpochs;

    public static EpochsSaved Of(IReadOnlyList<TrialResult> trials, int maxEpochs)
    {
        ArgumentNullException.ThrowIfNull(trials);
        int Gap(TrialResult t) => Math.Max(0, maxEpochs - t.EpochsRun);
        return new EpochsSaved(
            trials.Count,
            maxEpochs,
            trials.Sum(t => Math.Min(t.EpochsRun, maxEpochs)),
            trials.Where(t => t.State == "Pruned").Sum(Gap),
            trials.Where(t => t.State is "Stopped" or "Completed").Sum(Gap),
            trials.Where(t => t.State is not ("Pruned" or "Stopped" or "Completed")).Sum(Gap));
    }
}
