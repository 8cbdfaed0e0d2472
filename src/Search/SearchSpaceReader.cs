using System.Text.Json;

namespace Orchestrator.Search;

/// <summary>
/// Reads a sweep file's <c>space</c> block (syntax in this project's README):
/// <c>{"lr": {"loguniform": [1e-3, 0.3]}, "momentum": {"uniform": [0.5, 0.99], "when": {"optimizer": ["sgd"]}}}</c>.
/// Collects every problem at its JSON path instead of stopping at the first, so a file is fixed in one go.
/// </summary>
public static class SearchSpaceReader
{
    /// <summary>The distribution keys, in the order messages list them.</summary>
    public static IReadOnlyList<string> DistributionKinds { get; } = ["uniform", "loguniform", "int", "choice"];

    private static readonly string[] Modifiers = ["log", "when"];

    /// <summary>Reads <paramref name="element"/>, reporting paths under <paramref name="path"/> (e.g. <c>space</c>).</summary>
    public static SearchSpaceReadResult Read(JsonElement element, string path = "space")
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<SearchSpaceError>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "must be an object mapping each parameter to a distribution, e.g. {\"lr\": {\"loguniform\": [0.001, 0.3]}}"));
            return new(null, errors);
        }

        var parameters = new List<SearchParameter>();
        var unreadable = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            if (ReadParameter(property.Name, property.Value, $"{path}.{property.Name}", errors) is { } parameter)
            {
                parameters.Add(parameter);
            }
            else
            {
                unreadable.Add(property.Name);
            }
        }

        // The model's rules run on the entries that parsed, so a file's problems all come at once; a condition
        // on an entry that did not parse is not reported again as naming an unknown parameter.
        var space = new SearchSpace(parameters);
        errors.AddRange(space.Validate(path).Where(e =>
            !unreadable.Any(name => e.Path.EndsWith($".when.{name}", StringComparison.Ordinal))
            && !(e.Path == path && unreadable.Count > 0)));

        return errors.Count == 0 ? new(space, errors) : new(null, errors);
    }

    private static SearchParameter? ReadParameter(string name, JsonElement entry, string path, List<SearchSpaceError> errors)
    {
        var allowedKeys = string.Join(", ", DistributionKinds);
        if (entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"must be an object with one distribution ({allowedKeys}), e.g. {{\"uniform\": [0.5, 0.99]}}"));
            return null;
        }

        var kinds = entry.EnumerateObject().Where(p => DistributionKinds.Contains(p.Name)).ToList();
        var unknown = entry.EnumerateObject().Where(p => !DistributionKinds.Contains(p.Name) && !Modifiers.Contains(p.Name)).ToList();
        foreach (var property in unknown)
        {
            errors.Add(kinds.Count == 0
                ? new($"{path}.{property.Name}", $"unknown distribution '{property.Name}'; allowed: {allowedKeys}")
                : new($"{path}.{property.Name}", $"unknown property; allowed: {allowedKeys}, log (with int), when"));
        }

        if (kinds.Count != 1)
        {
            if (kinds.Count == 0 && unknown.Count == 0)
            {
                errors.Add(new(path, $"give one distribution: {allowedKeys}"));
            }
            else if (kinds.Count > 1)
            {
                errors.Add(new(path, $"give one distribution, not {string.Join(" and ", kinds.Select(k => k.Name))}"));
            }

            return null;
        }

        var kind = kinds[0];
        var log = ReadLog(entry, kind.Name, path, errors);
        var distribution = ReadDistribution(kind.Name, kind.Value, $"{path}.{kind.Name}", log, errors);
        var when = entry.TryGetProperty("when", out var whenElement) ? ReadConditions(whenElement, $"{path}.when", errors) : [];
        return distribution is null ? null : new SearchParameter(name, distribution) { When = when };
    }

    private static bool ReadLog(JsonElement entry, string kind, string path, List<SearchSpaceError> errors)
    {
        if (!entry.TryGetProperty("log", out var log))
        {
            return false;
        }

        if (kind != "int")
        {
            var instead = kind switch
            {
                "uniform" => "for real numbers use loguniform instead of uniform",
                "loguniform" => "loguniform is already uniform in log space; drop \"log\"",
                _ => "a choice lists its values; drop \"log\"",
            };
            errors.Add(new($"{path}.log", $"\"log\" applies only to int; {instead}"));
            return false;
        }

        if (log.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new($"{path}.log", "must be true or false"));
            return false;
        }

        return log.GetBoolean();
    }

    private static ParameterDistribution? ReadDistribution(string kind, JsonElement value, string path, bool log, List<SearchSpaceError> errors)
    {
        if (kind == "choice")
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new(path, "must be an array of strings or numbers, e.g. [32, 50, 128] or [\"sgd\", \"adam\"]"));
                return null;
            }

            var options = ReadValues(value, path, errors);
            return options is null ? null : new ChoiceDistribution(options);
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2
            || value.EnumerateArray().Any(v => !IsFiniteNumber(v)))
        {
            errors.Add(new(path, $"must be [low, high], two numbers, e.g. {Example(kind)}"));
            return null;
        }

        var low = value[0].GetDouble();
        var high = value[1].GetDouble();
        return kind switch
        {
            "uniform" => new UniformDistribution(low, high),
            "loguniform" => new LogUniformDistribution(low, high),
            _ => new IntDistribution(low, high, log),
        };
    }

    private static List<ParameterValue>? ReadValues(JsonElement array, string path, List<SearchSpaceError> errors)
    {
        var values = new List<ParameterValue>();
        var index = 0;
        var valid = true;
        foreach (var item in array.EnumerateArray())
        {
            if (ReadValue(item) is { } parameterValue)
            {
                values.Add(parameterValue);
            }
            else
            {
                errors.Add(new($"{path}[{index}]", "must be a string or a number"));
                valid = false;
            }

            index++;
        }

        return valid ? values : null;
    }

    private static ParameterValue? ReadValue(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => ParameterValue.Of(item.GetString()!),
        JsonValueKind.Number when IsFiniteNumber(item) => ParameterValue.Of(item.GetDouble()),
        _ => null,
    };

    private static bool IsFiniteNumber(JsonElement item) =>
        item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var number) && double.IsFinite(number);

    private static List<ParameterCondition> ReadConditions(JsonElement when, string path, List<SearchSpaceError> errors)
    {
        if (when.ValueKind != JsonValueKind.Object || !when.EnumerateObject().Any())
        {
            errors.Add(new(path, "must be an object naming the parameters it depends on and their values, e.g. {\"optimizer\": [\"sgd\"]}"));
            return [];
        }

        var conditions = new List<ParameterCondition>();
        foreach (var clause in when.EnumerateObject())
        {
            var at = $"{path}.{clause.Name}";
            if (clause.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                // A single value is shorthand for a one-element list: {"optimizer": "sgd"}.
                conditions.Add(new ParameterCondition(clause.Name, [ReadValue(clause.Value)!]));
            }
            else if (clause.Value.ValueKind == JsonValueKind.Array)
            {
                if (ReadValues(clause.Value, at, errors) is { } values)
                {
                    conditions.Add(new ParameterCondition(clause.Name, values));
                }
            }
            else
            {
                errors.Add(new(at, $"must be a value or an array of values of '{clause.Name}', e.g. [\"sgd\"]"));
            }
        }

        return conditions;
    }

    private static string Example(string kind) => kind switch
    {
        "loguniform" => "[0.001, 0.3]",
        "int" => "[16, 256]",
        _ => "[0.5, 0.99]",
    };
}
