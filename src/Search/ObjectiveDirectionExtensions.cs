namespace Orchestrator.Search;

/// <summary>Comparisons that read the same for both directions.</summary>
public static class ObjectiveDirectionExtensions
{
    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    public static bool IsBetter(this ObjectiveDirection direction, double a, double b) =>
        direction == ObjectiveDirection.Maximize ? a > b : a < b;

    /// <summary>The value turned into a loss (smaller is better), so sorting ascending puts the best first.</summary>
    public static double AsLoss(this ObjectiveDirection direction, double value) =>
        direction == ObjectiveDirection.Maximize ? -value : value;

    /// <summary><c>max</c> or <c>min</c>, as the sweep file spells it.</summary>
    public static string ToModeName(this ObjectiveDirection direction) =>
        direction == ObjectiveDirection.Maximize ? "max" : "min";
}
