namespace Orchestrator.Sweeps;

/// <summary>A rule a finite number must satisfy, with its wording for error messages.</summary>
public sealed record NumberRule(Func<double, bool> Valid, string Rule)
{
    /// <summary>True when <paramref name="value"/> is finite and satisfies the rule.</summary>
    public bool Accepts(double value) => double.IsFinite(value) && Valid(value);
}
