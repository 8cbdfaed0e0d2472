using MathNet.Numerics.Distributions;

namespace Orchestrator.Search;

/// <summary>A real number uniform on [<paramref name="Low"/>, <paramref name="High"/>].</summary>
/// <param name="Low">Lower bound, finite.</param>
/// <param name="High">Upper bound, finite and &gt; <paramref name="Low"/>.</param>
public sealed record UniformDistribution(double Low, double High) : ParameterDistribution
{
    /// <inheritdoc />
    public override string Kind => "uniform";

    /// <inheritdoc />
    public override bool Contains(ParameterValue value) =>
        value is { Number: double x } && x >= Low && x <= High;

    /// <inheritdoc />
    public override IEnumerable<string> Problems() => RangeRules.Real(Low, High, logScale: false);

    /// <inheritdoc />
    public override ParameterValue SamplePrior(Random random) =>
        ParameterValue.Of(Math.Clamp(ContinuousUniform.Sample(random, Low, High), Low, High));
}
