using System.Globalization;

namespace Orchestrator.Search;

/// <summary>
/// Named text arguments of one sampler or scheduler, with the descriptor's defaults for those not given.
/// Typed getters parse with the invariant culture; every failure is an <see cref="ArgumentException"/>
/// whose message starts with the component's name and names the parameter and what is allowed.
/// </summary>
public sealed class ComponentArguments
{
    private readonly string _component;
    private readonly Dictionary<string, string> _values;

    /// <param name="component">The component's name, for messages (e.g. <c>asha</c>).</param>
    /// <param name="parameters">The accepted parameters and their defaults.</param>
    /// <param name="given">The given values by name (case-insensitive); null for none.</param>
    /// <exception cref="ArgumentException">A given name is not among <paramref name="parameters"/>.</exception>
    public ComponentArguments(string component, IReadOnlyList<ComponentParameter> parameters, IReadOnlyDictionary<string, string>? given)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(parameters);
        _component = component;
        _values = parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            if (!_values.ContainsKey(name))
            {
                var allowed = parameters.Count == 0 ? "it takes no parameters" : "allowed: " + string.Join(", ", parameters.Select(p => p.Name));
                throw new ArgumentException($"{component}: unknown parameter '{name}'; {allowed}.");
            }

            _values[name] = value.Trim();
        }
    }

    /// <summary>The value of <paramref name="name"/> as an integer.</summary>
    public int GetInt(string name)
    {
        var text = GetText(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{_component}: {name} is '{text}'; it must be an integer.");
    }

    /// <summary>The value of <paramref name="name"/> as a finite number.</summary>
    public double GetDouble(string name)
    {
        var text = GetText(name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{_component}: {name} is '{text}'; it must be a finite number.");
    }

    /// <summary>Runs <paramref name="build"/> and prefixes any validation message with the component's name.</summary>
    public TResult Build<TResult>(Func<TResult> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            return build();
        }
        catch (ArgumentException ex) when (!ex.Message.StartsWith(_component + ":", StringComparison.Ordinal))
        {
            // The first line only, without the " (Parameter 'x')" suffix: the text already names the parameter,
            // and ArgumentOutOfRangeException appends "Actual value was …" on a second line.
            var message = ex.Message.Split('\n')[0].TrimEnd();
            if (ex.ParamName is { } name && message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
            {
                message = message[..^$" (Parameter '{name}')".Length];
            }

            throw new ArgumentException($"{_component}: {message}", ex);
        }
    }

    private string GetText(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"{_component}: parameter '{name}' is not declared by its descriptor.", nameof(name));
}
