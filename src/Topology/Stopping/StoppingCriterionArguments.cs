using System.Globalization;

namespace Orchestrator.Topology.Stopping;

/// <summary>
/// Named text arguments of one criterion, with the descriptor's defaults for those not given.
/// Typed getters parse with the invariant culture and throw an <see cref="ArgumentException"/>
/// naming the criterion, the parameter and what is allowed.
/// </summary>
public sealed class StoppingCriterionArguments
{
    private readonly string _criterion;
    private readonly Dictionary<string, string> _values;

    /// <param name="criterion">The criterion's name, for messages.</param>
    /// <param name="parameters">The accepted parameters and their defaults.</param>
    /// <param name="given">The given values by parameter name (case-insensitive); null for none.</param>
    /// <exception cref="ArgumentException">A given name is not among <paramref name="parameters"/>.</exception>
    public StoppingCriterionArguments(
        string criterion, IReadOnlyList<StoppingCriterionParameter> parameters, IReadOnlyDictionary<string, string>? given)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(parameters);
        _criterion = criterion;
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            _values[parameter.Name] = parameter.DefaultValue;
        }

        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            if (!_values.ContainsKey(name))
            {
                var allowed = parameters.Count == 0 ? "it takes no parameters" : "allowed: " + string.Join(", ", parameters.Select(p => p.Name));
                throw new ArgumentException($"{criterion}: unknown parameter '{name}'; {allowed}.");
            }

            _values[name] = value.Trim();
        }
    }

    /// <summary>The text value of <paramref name="name"/> (given or default).</summary>
    public string GetText(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"{_criterion}: parameter '{name}' is not declared by its descriptor.", nameof(name));

    /// <summary>The value of <paramref name="name"/> as an integer.</summary>
    public int GetInt(string name)
    {
        var text = GetText(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{_criterion}: {name} is '{text}'; it must be an integer.");
    }

    /// <summary>The value of <paramref name="name"/> as a number.</summary>
    public double GetDouble(string name)
    {
        var text = GetText(name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{_criterion}: {name} is '{text}'; it must be a finite number.");
    }

    /// <summary>The value of <paramref name="name"/> as one of <paramref name="choices"/> (keys compared case-insensitively).</summary>
    public T GetChoice<T>(string name, IReadOnlyDictionary<string, T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var text = GetText(name);
        foreach (var (key, value) in choices)
        {
            if (string.Equals(key, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new ArgumentException($"{_criterion}: {name} is '{text}'; it must be one of {string.Join(", ", choices.Keys)}.");
    }

    /// <summary>Runs <paramref name="build"/> and prefixes any validation message with the criterion's name.</summary>
    public TResult Build<TResult>(Func<TResult> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            return build();
        }
        catch (ArgumentException ex) when (!ex.Message.StartsWith(_criterion + ":", StringComparison.Ordinal))
        {
            // The first line only: ArgumentOutOfRangeException appends "Actual value was …" on a second line.
            var message = ex.Message.Split('\n')[0].TrimEnd();
            throw new ArgumentException($"{_criterion}: {message}", ex.ParamName, ex);
        }
    }
}
