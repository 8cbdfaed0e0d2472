namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// Trials that differ only in stopping method and seed (same dataset, fraction, model and hyperparameters):
/// the unit the headline table compares.
/// </summary>
internal sealed record ReportGroup(string Dataset, double Fraction, string Model, string Configuration, IReadOnlyList<MethodSummary> Methods)
{
    /// <summary>Methods for the headline: each method with its default parameters, or its only variant.</summary>
    public IReadOnlyList<MethodSummary> Headline => Methods
        .GroupBy(m => m.BaseMethod)
        .Select(g => g.FirstOrDefault(m => m.Method == g.Key) ?? (g.Count() == 1 ? g.Single() : null))
        .OfType<MethodSummary>()
        .ToList();

    /// <summary>Variants of methods that appear with more than one parameter setting (the sensitivity grid).</summary>
    public IReadOnlyList<MethodSummary> SensitivityGrid => Methods
        .GroupBy(m => m.BaseMethod)
        .Where(g => g.Count() > 1)
        .SelectMany(g => g)
        .ToList();

    public MethodSummary? Find(string method) => Headline.FirstOrDefault(m => m.BaseMethod == method);

    public static IReadOnlyList<ReportGroup> Of(ResultsFolder results) => results.Trials
        .GroupBy(t => (t.Dataset, t.Fraction, t.Model, t.Configuration))
        .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Fraction).ThenBy(g => g.Key.Configuration, StringComparer.Ordinal)
        .Select(g => new ReportGroup(
            g.Key.Dataset,
            g.Key.Fraction,
            g.Key.Model,
            g.Key.Configuration,
            g.GroupBy(t => t.Method)
                .OrderBy(m => MethodOrder(m.Key.Split('(')[0])).ThenBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => MethodSummary.Of(m.Key, m.OrderBy(t => t.Seed).ToList(), results))
                .ToList()))
        .ToList();

    private static int MethodOrder(string baseMethod) => baseMethod switch
    {
        "top" => 0,
        "vl" => 1,
        "fp" => 2,
        "np" => 3,
        "none" => 9,
        _ => 5,
    };
}
