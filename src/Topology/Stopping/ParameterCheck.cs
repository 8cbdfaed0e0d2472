namespace Orchestrator.Topology.Stopping;

/// <summary>
/// Validation of criterion parameters. Messages name the parameter the way the CLI and sweep files
/// spell it and state the allowed range, so a bad value is fixable from the message alone.
/// </summary>
internal static class ParameterCheck
{
    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be an integer ≥ {minimum}.");

    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be a finite number ≥ 0.");

    public static double InUnitInterval(double value, string name) =>
        double.IsFinite(value) && value is >= 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be in [0, 1).");

    public static TEnum Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(
                name, value, $"{name} is {value}; it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
}
