namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// The trials no other trial beats on both counts: a better-or-equal objective for fewer-or-equal epochs, strictly
/// better on one. Read left to right, the front says what objective each extra epoch of search bought.
/// </summary>
internal static class ParetoFront
{
    /// <summary>
    /// The members of the front among <paramref name="points"/>, ordered by epochs (then objective, best first).
    /// Ties (the same epochs and objective) are all members.
    /// </summary>
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> points, Func<T, int> epochs, Func<T, double> objective, bool maximize)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        double Better(T point) => maximize ? objective(point) : -objective(point);
        bool Dominates(T a, T b) =>
            epochs(a) <= epochs(b) && Better(a) >= Better(b) && (epochs(a) < epochs(b) || Better(a) > Better(b));
        return [.. list.Where(p => !list.Any(other => Dominates(other, p))).OrderBy(epochs).ThenByDescending(Better)];
    }
}
