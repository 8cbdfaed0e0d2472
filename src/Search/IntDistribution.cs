using MathNet.Numerics.Distributions;

namespace Orchestrator.Search;

/// <summary>
/// A whole number in [<paramref name="Low"/>, <paramref name="High"/>], uniform over the integers or, with
/// <paramref name="Log"/>, uniform in log space (widths 16…1024 as often near 16 as near 1024). The bounds
/// are doubles so a bound like 1.5 read from a file is kept and refused by <see cref="Problems"/> rather
/// than silently truncated.
/// </summary>
/// <param name="Low">Lower bound, a whole number (≥ 1 with <paramref name="Log"/>).</param>
/// <param name="High">Upper bound, a whole number &gt; <paramref name="Low"/>.</param>
/// <param name="Log">Sample in log space.</param>
public sealed record IntDistribution(double Low, double High, bool Log = false) : ParameterDistribution
{
    /// <inheritdoc />
    public override string Kind => "int";

    /// <summary>The lower bound as an integer.</summary>
    public long LowInt => checked((long)Low);

    /// <summary>The upper bound as an integer.</summary>
    public long HighInt => checked((long)High);

    /// <inheritdoc />
    public override bool Contains(ParameterValue value) =>
        value is { Number: double x } && x >= Low && x <= High && Math.Floor(x) == x;

    /// <inheritdoc />
    public override IEnumerable<string> Problems()
    {
        if (!IsWhole(Low) || !IsWhole(High))
        {
            yield return $"the bounds must be whole numbers; got [{Low}, {High}] (use uniform for real numbers)";
            yield break;
        }

        if (Low >= High)
        {
            yield return RangeRules.EmptyOrInverted(Low, High);
        }
        else if (Log && Low < 1)
        {
            yield return $"with \"log\": true the low bound must be ≥ 1; got {Low}";
        }
    }

    /// <inheritdoc />
    public override ParameterValue SamplePrior(Random random)
    {
        if (!Log)
        {
            return ParameterValue.Of(DiscreteUniform.Sample(random, checked((int)LowInt), checked((int)HighInt)));
        }

        // As Optuna does: widen by half a step on each side so the end values get their full share, then round.
        var x = Math.Exp(ContinuousUniform.Sample(random, Math.Log(Low - 0.5), Math.Log(High + 0.5)));
        return ParameterValue.Of(Math.Clamp(Math.Round(x), Low, High));
    }

    private static bool IsWhole(double x) => double.IsFinite(x) && Math.Floor(x) == x && Math.Abs(x) <= int.MaxValue;
}
