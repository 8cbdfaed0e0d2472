namespace Orchestrator.Search.Bench;

/// <summary>
/// One search as the harness read it back: every epoch trained (search and refit), the process's wall seconds, the
/// chosen configuration's hold-out accuracy (the search's objective) and test accuracy, and the refit's when there was one.
/// </summary>
public sealed record StudyResult(
    string Configuration,
    int Seed,
    int Epochs,
    int RefitEpochs,
    double WallSeconds,
    double? BestValidation,
    double? TestAccuracy,
    double? RefitTestAccuracy,
    int? RefitStopEpoch,
    string Trials,
    string Chosen)
{
    /// <summary>Epochs of the search alone (the refit's are counted in <see cref="Epochs"/> too).</summary>
    public int SearchEpochs => Epochs - RefitEpochs;
}
