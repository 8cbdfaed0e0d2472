using MathNet.Numerics.Distributions;

namespace Orchestrator.Search.Samplers;

/// <summary>
/// TPE's density for one real (or integer, or log-scaled) parameter: a weighted mixture of normal kernels
/// truncated to [low, high], one centred on each observation plus a wide prior kernel, with bandwidths set as
/// in Optuna's univariate Parzen estimator (distance to the farther neighbour, the end kernels to their inner
/// neighbour, clipped to [(high − low)/min(100, 1 + n), high − low]).
/// </summary>
internal sealed class NumericParzenEstimator
{
    private readonly double[] _mus;
    private readonly double[] _sigmas;
    private readonly double[] _weights;
    private readonly double[] _logNormalisers;
    private readonly double _low;
    private readonly double _high;

    /// <param name="observations">Observed values (already in the sampling space: log for log parameters).</param>
    /// <param name="weights">One weight per observation (older trials may weigh less).</param>
    /// <param name="low">Lower bound of the sampling space.</param>
    /// <param name="high">Upper bound, &gt; <paramref name="low"/>.</param>
    /// <param name="priorWeight">Weight of the prior kernel (centred on the middle, σ = high − low).</param>
    public NumericParzenEstimator(IReadOnlyList<double> observations, IReadOnlyList<double> weights, double low, double high, double priorWeight)
    {
        _low = low;
        _high = high;
        var n = observations.Count + 1;
        _mus = [.. observations, 0.5 * (low + high)];
        _sigmas = Bandwidths(_mus, low, high);
        var total = weights.Sum() + priorWeight;
        _weights = [.. weights.Select(w => w / total), priorWeight / total];
        _logNormalisers = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Mass of the kernel inside [low, high]: dividing by it makes each kernel a density on the range.
            var mass = Normal.CDF(_mus[i], _sigmas[i], high) - Normal.CDF(_mus[i], _sigmas[i], low);
            _logNormalisers[i] = Math.Log(Math.Max(mass, double.Epsilon));
        }
    }

    /// <summary>The kernel centres (observations, then the prior).</summary>
    public IReadOnlyList<double> Centres => _mus;

    /// <summary>The kernel bandwidths, in the order of <see cref="Centres"/>.</summary>
    public IReadOnlyList<double> Sigmas => _sigmas;

    /// <summary>A draw from the mixture: pick a kernel by weight, then invert its truncated CDF.</summary>
    public double Sample(Random random)
    {
        var k = Categorical.Sample(random, _weights);
        var lower = Normal.CDF(_mus[k], _sigmas[k], _low);
        var upper = Normal.CDF(_mus[k], _sigmas[k], _high);
        var u = ContinuousUniform.Sample(random, lower, upper);
        return Math.Clamp(Normal.InvCDF(_mus[k], _sigmas[k], u), _low, _high);
    }

    /// <summary>The log density of the mixture at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        var terms = new double[_mus.Length];
        for (var i = 0; i < _mus.Length; i++)
        {
            terms[i] = Math.Log(_weights[i]) + Normal.PDFLn(_mus[i], _sigmas[i], x) - _logNormalisers[i];
        }

        return LogSumExp.Of(terms);
    }

    private static double[] Bandwidths(double[] mus, double low, double high)
    {
        var n = mus.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => mus[i]).ThenBy(i => i).ToArray();
        var ends = new double[n + 2];
        ends[0] = low;
        ends[^1] = high;
        for (var i = 0; i < n; i++)
        {
            ends[i + 1] = mus[order[i]];
        }

        var sorted = new double[n];
        for (var i = 0; i < n; i++)
        {
            sorted[i] = Math.Max(ends[i + 1] - ends[i], ends[i + 2] - ends[i + 1]);
        }

        if (n >= 2)
        {
            // Optuna's consider_endpoints = false: the outermost kernels are not widened by the distance to the bound.
            sorted[0] = ends[2] - ends[1];
            sorted[n - 1] = ends[n] - ends[n - 1];
        }

        var sigmas = new double[n];
        for (var i = 0; i < n; i++)
        {
            sigmas[order[i]] = sorted[i];
        }

        sigmas[n - 1] = high - low;
        var max = high - low;
        var min = (high - low) / Math.Min(100.0, 1.0 + n);
        return [.. sigmas.Select(s => Math.Clamp(s, min, max))];
    }
}
