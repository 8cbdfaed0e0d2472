namespace Orchestrator.Sweeps;

/// <summary>
/// The metrics a search may optimise: both are measured on the validation hold-out, never on the test split,
/// so choosing a configuration never peeks at the data it is judged on.
/// </summary>
public static class SearchObjectives
{
    /// <summary>Accuracy on the hold-out (larger is better).</summary>
    public const string ValidationAccuracy = "validation_accuracy";

    /// <summary>Mean cross-entropy on the hold-out (smaller is better).</summary>
    public const string ValidationLoss = "validation_loss";

    /// <summary>The metrics, in the order messages list them.</summary>
    public static readonly IReadOnlyList<string> Metrics = [ValidationAccuracy, ValidationLoss];

    /// <summary>The modes.</summary>
    public static readonly IReadOnlyList<string> Modes = ["max", "min"];

    /// <summary>The mode under which <paramref name="metric"/> improves: <c>max</c> for accuracy, <c>min</c> for loss.</summary>
    public static string NaturalMode(string metric) => metric == ValidationLoss ? "min" : "max";
}
