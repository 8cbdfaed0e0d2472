namespace Orchestrator.Search;

/// <summary>
/// Validation of sampler and scheduler parameters: the message names the parameter as the sweep file
/// spells it and the allowed range, so a bad value is fixable from the message alone.
/// </summary>
internal static class ComponentCheck
{
    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be an integer ≥ {minimum}.");

    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be a finite number > 0.");

    public static double InOpenUnitInterval(double value, string name) =>
        double.IsFinite(value) && value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be in (0, 1).");
}
