using Orchestrator.Data;

namespace Orchestrator.Client.Core.Reports;

/// <summary>
/// The parameters that make a trial's configuration (everything but its stopping method and seed), named as
/// trials.csv names them. A summary or report groups by those that vary in the sweep and titles each group
/// with them only: with two learning rates, "lr=0.01" and "lr=0.05", not two identical titles.
/// </summary>
public static class ConfigurationParameters
{
    /// <summary>The columns of trials.csv that describe a configuration, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> Names = ["dataset", "fraction", "model", "lr", "momentum", "batch_size", "weight_decay", "width"];

    /// <summary>The parameters whose value differs between at least two of <paramref name="trials"/>, in <see cref="Names"/> order.</summary>
    public static IReadOnlyList<string> Varying(IEnumerable<IReadOnlyDictionary<string, string>> trials)
    {
        var list = trials.ToList();
        return [.. Names.Where(name => list.Select(t => t.GetValueOrDefault(name, string.Empty)).Distinct(StringComparer.Ordinal).Count() > 1)];
    }

    /// <summary>"lr=0.05, width=2": the varying parameters of one trial; "all trials" when nothing varies.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> varying) =>
        varying.Count == 0 ? "all trials" : string.Join(", ", varying.Select(name => $"{name}={Display(name, values.GetValueOrDefault(name, "?"))}"));

    /// <summary>
    /// A value as a person reads it: a user's model or NumPy data by its file name (their canonical text, which
    /// trials.csv keeps so it can be resubmitted, is a JSON object), every other value as it is.
    /// </summary>
    public static string Display(string name, string value) => name switch
    {
        "model" => ModelSource.DisplayName(value),
        "dataset" => DatasetSource.DisplayName(value),
        _ => value,
    };

    /// <summary>A file-name form of a description: lower-case letters, digits and single dashes ("lr-0-05").</summary>
    public static string Slug(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
