using MathNet.Numerics.Distributions;

namespace Orchestrator.Search.Samplers;

/// <summary>
/// TPE's density for one choice parameter: each option's probability is its observations' total weight
/// plus an equal share of the prior weight, normalised, so an option no trial tried keeps a chance.
/// </summary>
internal sealed class CategoricalParzenEstimator
{
    private readonly double[] _probabilities;

    /// <param name="observedIndices">The option index each observation chose.</param>
    /// <param name="weights">One weight per observation.</param>
    /// <param name="optionCount">How many options there are.</param>
    /// <param name="priorWeight">The prior's total weight, spread evenly over the options.</param>
    public CategoricalParzenEstimator(IReadOnlyList<int> observedIndices, IReadOnlyList<double> weights, int optionCount, double priorWeight)
    {
        var masses = Enumerable.Repeat(priorWeight / optionCount, optionCount).ToArray();
        for (var i = 0; i < observedIndices.Count; i++)
        {
            masses[observedIndices[i]] += weights[i];
        }

        var total = masses.Sum();
        _probabilities = [.. masses.Select(m => m / total)];
    }

    /// <summary>The probability of each option.</summary>
    public IReadOnlyList<double> Probabilities => _probabilities;

    /// <summary>A draw: an option index.</summary>
    public int Sample(Random random) => Categorical.Sample(random, _probabilities);

    /// <summary>The log probability of option <paramref name="index"/>.</summary>
    public double LogDensity(int index) => Math.Log(_probabilities[index]);
}
