using System.Globalization;

namespace Orchestrator.Search;

/// <summary>
/// One sampled hyperparameter value: a number (uniform, loguniform, int, numeric choice) or a string
/// (string choice). Records compare by value, so two configurations with the same values are equal
/// however they were built (the grid sampler and failover both rely on it).
/// </summary>
public sealed record ParameterValue
{
    private ParameterValue(double? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The numeric value; null for a string.</summary>
    public double? Number { get; }

    /// <summary>The string value; null for a number.</summary>
    public string? Text { get; }

    /// <summary>True for a number.</summary>
    public bool IsNumber => Number is not null;

    /// <summary>A numeric value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is NaN or infinite.</exception>
    public static ParameterValue Of(double number) =>
        double.IsFinite(number)
            ? new ParameterValue(number, null)
            : throw new ArgumentOutOfRangeException(nameof(number), number, "a parameter value must be a finite number.");

    /// <summary>A string value.</summary>
    public static ParameterValue Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ParameterValue(null, text);
    }

    /// <summary>The number; throws for a string.</summary>
    /// <exception cref="InvalidOperationException">The value is a string.</exception>
    public double AsNumber() => Number ?? throw new InvalidOperationException($"'{Text}' is a string, not a number.");

    /// <summary>The value as written in a sweep file or a table (numbers in the invariant culture, round-trip precision).</summary>
    public override string ToString() => Number is double number ? number.ToString("R", CultureInfo.InvariantCulture) : Text!;
}
