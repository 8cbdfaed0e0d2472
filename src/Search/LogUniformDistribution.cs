using MathNet.Numerics.Distributions;

namespace Orchestrator.Search;

/// <summary>
/// A positive real number whose logarithm is uniform: each decade of [<paramref name="Low"/>,
/// <paramref name="High"/>] is equally likely, which is what learning rates and weight decays need.
/// </summary>
/// <param name="Low">Lower bound, &gt; 0.</param>
/// <param name="High">Upper bound, &gt; <paramref name="Low"/>.</param>
public sealed record LogUniformDistribution(double Low, double High) : ParameterDistribution
{
    /// <inheritdoc />
    public override string Kind => "loguniform";

    /// <inheritdoc />
    public override bool Contains(ParameterValue value) =>
        value is { Number: double x } && x >= Low && x <= High;

    /// <inheritdoc />
    public override IEnumerable<string> Problems() => RangeRules.Real(Low, High, logScale: true);

    /// <inheritdoc />
    public override ParameterValue SamplePrior(Random random) =>
        ParameterValue.Of(Math.Clamp(Math.Exp(ContinuousUniform.Sample(random, Math.Log(Low), Math.Log(High))), Low, High));
}
