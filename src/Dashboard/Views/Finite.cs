namespace Orchestrator.Dashboard.Views;

/// <summary>JSON has no NaN or infinity: a diverged loss reaches the browser as null (a gap in its curve).</summary>
internal static class Finite
{
    public static double? OrNull(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
