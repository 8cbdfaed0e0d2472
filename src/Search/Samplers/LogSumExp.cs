namespace Orchestrator.Search.Samplers;

/// <summary>log Σ exp(tᵢ) without overflow: mixture densities are summed in log space because a far-off
/// kernel's density underflows to 0 and the l/g ratio would become 0/0.</summary>
internal static class LogSumExp
{
    public static double Of(IReadOnlyList<double> terms)
    {
        var max = terms.Max();
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var t in terms)
        {
            sum += Math.Exp(t - max);
        }

        return max + Math.Log(sum);
    }
}
