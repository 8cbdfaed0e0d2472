namespace Orchestrator.Search.Samplers;

/// <summary>
/// Where TPE models a numeric parameter: log space for loguniform and log ints, and for ints a real range
/// widened by half a step on each side, so each integer owns an interval of the same width (in its space).
/// </summary>
internal sealed record NumericScale(double Low, double High, bool IsLog, bool IsInteger, double MinValue, double MaxValue)
{
    public static NumericScale Of(ParameterDistribution distribution) => distribution switch
    {
        UniformDistribution u => new(u.Low, u.High, false, false, u.Low, u.High),
        LogUniformDistribution l => new(Math.Log(l.Low), Math.Log(l.High), true, false, l.Low, l.High),
        IntDistribution { Log: true } i => new(Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), true, true, i.Low, i.High),
        IntDistribution i => new(i.Low - 0.5, i.High + 0.5, false, true, i.Low, i.High),
        _ => throw new ArgumentException($"{distribution.Kind} is not numeric.", nameof(distribution)),
    };

    public double ToSamplingSpace(ParameterValue value) => IsLog ? Math.Log(value.AsNumber()) : value.AsNumber();

    public ParameterValue FromSamplingSpace(double x)
    {
        var value = IsLog ? Math.Exp(x) : x;
        if (IsInteger)
        {
            value = Math.Round(value);
        }

        return ParameterValue.Of(Math.Clamp(value, MinValue, MaxValue));
    }
}
