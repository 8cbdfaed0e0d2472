using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Sweeps;

/// <summary>
/// Reads typed fields out of JSON objects and collects, instead of throwing, one error per bad value at its
/// JSON path, so a file's problems are all reported at once. A bad value yields the default so reading goes on.
/// </summary>
internal sealed class JsonFieldReader
{
    /// <summary>Every problem found so far.</summary>
    public List<SweepValidationError> Errors { get; } = [];

    /// <summary>Records a problem at <paramref name="path"/>.</summary>
    public void Error(string path, string message) => Errors.Add(new SweepValidationError(path, message));

    /// <summary>The names for an error message: <c>a, b, c</c>.</summary>
    public static string Allowed(IEnumerable<string> values) => string.Join(", ", values);

    /// <summary>Reports each property of <paramref name="element"/> not in <paramref name="known"/>.</summary>
    public void CheckUnknown(JsonElement element, string prefix, IReadOnlyList<string> known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                // The key is user input of any length: a long one is named by its bounded quote, not echoed whole.
                var name = JsonPathName.Of(property.Name);
                Error(prefix + name, $"unknown property; allowed: {Allowed(known)}");
            }
        }
    }

    /// <summary>A string property, checked against <paramref name="allowed"/> when given; null when absent or bad.</summary>
    public string? ReadString(JsonElement parent, string property, string path, bool required, IReadOnlyList<string>? allowed)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            if (required)
            {
                Error(path, allowed is { } list ? $"is required; allowed: {Allowed(list)}" : "is required");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, allowed is { } list ? $"must be a string, one of {Allowed(list)}" : "must be a string");
            return null;
        }

        var value = element.GetString()!;
        if (allowed is { } allowedValues && !allowedValues.Contains(value))
        {
            Error(path, $"unknown value {BoundedQuote.Of(value)}; allowed: {Allowed(allowedValues)}");
            return null;
        }

        return value;
    }

    /// <summary>A top-level <c>true</c>/<c>false</c> property.</summary>
    public bool ReadBool(JsonElement parent, string property, bool defaultValue)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return defaultValue;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(property, "must be true or false");
            return defaultValue;
        }

        return element.GetBoolean();
    }

    /// <summary>A top-level finite number satisfying <paramref name="valid"/> (<paramref name="rule"/> says how).</summary>
    public double ReadNumber(JsonElement parent, string property, double defaultValue, Func<double, bool> valid, string rule)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return defaultValue;
        }

        if (element.ValueKind != JsonValueKind.Number || !double.IsFinite(element.GetDouble()))
        {
            Error(property, $"must be a number; {rule}");
            return defaultValue;
        }

        var value = element.GetDouble();
        if (!valid(value))
        {
            Error(property, rule);
        }

        return value;
    }

    /// <summary>A top-level whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int ReadInt(JsonElement parent, string property, int defaultValue, int min, int max)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return defaultValue;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            Error(property, $"must be a whole number in [{min}, {max}]");
            return defaultValue;
        }

        if (value < min || value > max)
        {
            Error(property, $"must be in [{min}, {max}]");
        }

        return value;
    }

    /// <summary>A non-empty list of distinct finite numbers satisfying <paramref name="valid"/>.</summary>
    public ImmutableArray<double> ReadNumberList(JsonElement parent, string property, string path, ImmutableArray<double> defaultValue, Func<double, bool> valid, string rule)
    {
        if (!TryGetList(parent, property, path, out var list))
        {
            return defaultValue;
        }

        var values = ImmutableArray.CreateBuilder<double>();
        var seen = new HashSet<double>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Number || !double.IsFinite(item.GetDouble()))
            {
                Error(itemPath, $"must be a number; {rule}");
                continue;
            }

            var value = item.GetDouble();
            if (!valid(value))
            {
                Error(itemPath, rule);
                continue;
            }

            if (!seen.Add(value))
            {
                Error(itemPath, $"duplicates {value.ToString("R", CultureInfo.InvariantCulture)}; each value may appear once");
                continue;
            }

            values.Add(value);
        }

        return values.ToImmutable();
    }

    /// <summary>A non-empty list of distinct whole numbers in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public ImmutableArray<int> ReadIntList(JsonElement parent, string property, string path, ImmutableArray<int> defaultValue, int min, int max)
    {
        if (!TryGetList(parent, property, path, out var list))
        {
            return defaultValue;
        }

        var values = ImmutableArray.CreateBuilder<int>();
        var seen = new HashSet<int>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var value))
            {
                Error(itemPath, $"must be a whole number in [{min}, {max}]");
                continue;
            }

            if (value < min || value > max)
            {
                Error(itemPath, $"must be in [{min}, {max}]");
                continue;
            }

            if (!seen.Add(value))
            {
                Error(itemPath, $"duplicates {value.ToString(CultureInfo.InvariantCulture)}; each value may appear once");
                continue;
            }

            values.Add(value);
        }

        return values.ToImmutable();
    }

    private bool TryGetList(JsonElement parent, string property, string path, out JsonElement list)
    {
        if (!parent.TryGetProperty(property, out list))
        {
            return false;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            Error(path, "must be a list, e.g. [0.01, 0.1]");
            return false;
        }

        if (list.GetArrayLength() == 0)
        {
            Error(path, "must not be empty");
            return false;
        }

        return WithinTrialLimit(list, path);
    }

    /// <summary>
    /// False (with one error) for a list longer than <see cref="SweepLimits.MaxTrials"/>: each value is at least one
    /// trial, so such a sweep is refused before its items are read (and without an error per item).
    /// </summary>
    public bool WithinTrialLimit(JsonElement list, string path)
    {
        var length = list.GetArrayLength();
        if (length <= SweepLimits.MaxTrials)
        {
            return true;
        }

        Error(path, $"has {length} values; a sweep may hold at most {SweepLimits.MaxTrials} trials, so split it into several sweeps");
        return false;
    }
}
