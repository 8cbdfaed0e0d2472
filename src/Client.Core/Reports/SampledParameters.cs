using System.Text;
using System.Text.Json;

namespace Orchestrator.Client.Core.Reports;

/// <summary>How a sampled parameter's values are laid out on a figure's axis.</summary>
public enum SampledScale
{
    /// <summary><c>uniform</c>, or <c>int</c> without <c>"log": true</c>.</summary>
    Linear,

    /// <summary><c>loguniform</c>, or <c>int</c> with <c>"log": true</c>: drawn on a log axis.</summary>
    Log,

    /// <summary><c>choice</c>: one position per option, in the order the space lists them.</summary>
    Categorical,
}

/// <summary>One parameter of a search's <c>space</c>, as the results name and draw it.</summary>
/// <param name="Name">The space's key (<c>batchSize</c>).</param>
/// <param name="Scale">How its axis is drawn.</param>
/// <param name="Options">A choice's options as text, in the space's order; empty for the others.</param>
public sealed record SampledParameter(string Name, SampledScale Scale, IReadOnlyList<string> Options)
{
    /// <summary>The range the space gives (<c>[a, b]</c> of uniform, loguniform or int); null for a choice.</summary>
    public (double Low, double High)? Bounds { get; init; }

    /// <summary>Its trials.csv column (<see cref="SampledParameters.Column"/>).</summary>
    public string Column => SampledParameters.Column(Name);
}

/// <summary>
/// The parameters a search samples, read from the sweep file's <c>space</c> (in the order it declares them),
/// and the trials.csv column each one gets: <c>sampled_</c> plus its snake_case name. The column holds what the
/// sampler drew for that trial and is empty when the parameter was inactive (a conditional parameter whose
/// <c>when</c> did not hold); the configuration columns (<c>lr</c>, <c>momentum</c>, …) keep what the trial ran with.
/// </summary>
public static class SampledParameters
{
    /// <summary>The prefix of every sampled column of trials.csv.</summary>
    public const string Prefix = "sampled_";

    /// <summary><c>sampled_batch_size</c> for <c>batchSize</c>, <c>sampled_model_hidden</c> for <c>model.hidden</c>.</summary>
    public static string Column(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var snake = new StringBuilder(Prefix);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                snake.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                // A plugin's constructor parameter (model.hidden) becomes sampled_model_hidden.
                snake.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }
        }

        return snake.ToString();
    }

    /// <summary>The parameters of a <c>space</c> block (its JSON text), in declaration order.</summary>
    /// <exception cref="InputException">The text is not a JSON object of parameters.</exception>
    public static IReadOnlyList<SampledParameter> Of(string spaceJson)
    {
        ArgumentNullException.ThrowIfNull(spaceJson);
        try
        {
            using var document = JsonDocument.Parse(spaceJson);
            return Of(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new InputException($"the search space is not valid JSON ({ex.Message})");
        }
    }

    /// <summary>The parameters of a parsed <c>space</c> object, in declaration order.</summary>
    public static IReadOnlyList<SampledParameter> Of(JsonElement space)
    {
        if (space.ValueKind != JsonValueKind.Object)
        {
            throw new InputException("the search space must be an object of parameters");
        }

        return [.. space.EnumerateObject().Select(p => new SampledParameter(p.Name, ScaleOf(p.Value), OptionsOf(p.Value)) { Bounds = BoundsOf(p.Value) })];
    }

    private static SampledScale ScaleOf(JsonElement distribution)
    {
        if (distribution.ValueKind != JsonValueKind.Object)
        {
            return SampledScale.Linear;
        }

        if (distribution.TryGetProperty("choice", out _))
        {
            return SampledScale.Categorical;
        }

        var log = distribution.TryGetProperty("loguniform", out _)
            || (distribution.TryGetProperty("int", out _) && distribution.TryGetProperty("log", out var flag) && flag.ValueKind == JsonValueKind.True);
        return log ? SampledScale.Log : SampledScale.Linear;
    }

    private static (double, double)? BoundsOf(JsonElement distribution)
    {
        foreach (var kind in (string[])["uniform", "loguniform", "int"])
        {
            if (distribution.ValueKind == JsonValueKind.Object && distribution.TryGetProperty(kind, out var range) && range.ValueKind == JsonValueKind.Array
                && range.GetArrayLength() == 2 && range[0].ValueKind == JsonValueKind.Number && range[1].ValueKind == JsonValueKind.Number)
            {
                return (range[0].GetDouble(), range[1].GetDouble());
            }
        }

        return null;
    }

    private static string[] OptionsOf(JsonElement distribution) =>
        distribution.ValueKind == JsonValueKind.Object && distribution.TryGetProperty("choice", out var choice) && choice.ValueKind == JsonValueKind.Array
            ? [.. choice.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String ? o.GetString()! : o.GetRawText())]
            : [];
}
