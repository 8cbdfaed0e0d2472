using System.Globalization;

namespace Orchestrator.Topology;

/// <summary>
/// The functional connectome of a network: W = |Pearson correlation| between the activations of
/// every pair of neurons over a probe set.
/// </summary>
public static class FunctionalConnectome
{
    /// <summary>
    /// Computes W from an activation matrix of <paramref name="samples"/> rows (probe inputs) by
    /// <paramref name="neurons"/> columns, row-major.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Means and sums of squares are accumulated in double precision (two passes, so there is no
    /// cancellation), the activations are standardised to unit-norm columns in double precision and
    /// the Gram product runs as a vectorised, register-blocked double-precision kernel on all cores;
    /// each weight is rounded to single precision once, at the end.
    /// </para>
    /// <para>
    /// A neuron that is constant over the probe set has no defined correlation; it is reported as
    /// uncorrelated (weight 0) with every other neuron, including another constant neuron. A neuron
    /// counts as constant when its standard deviation is at most 2⁻²⁰ (about 8 single-precision ulps)
    /// of its largest absolute activation, so rounding residue can never make two constant neurons look
    /// correlated.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than two samples, a size mismatch, or a NaN/±Inf activation.</exception>
    public static ConnectomeMatrix Compute(ReadOnlySpan<float> activations, int samples, int neurons)
    {
        if (samples < 2)
        {
            throw new ArgumentException($"samples is {samples}: a correlation needs at least 2 probe samples.", nameof(samples));
        }

        if (neurons < 1)
        {
            throw new ArgumentException($"neurons is {neurons}: there must be at least 1 neuron.", nameof(neurons));
        }

        if (neurons > ConnectomeMatrix.MaxSize)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"neurons is {neurons}: a connectome holds at most {ConnectomeMatrix.MaxSize:N0} neurons (its n × n matrix is one array)."),
                nameof(neurons));
        }

        if (activations.Length != (long)samples * neurons)
        {
            throw new ArgumentException(
                $"activations has {activations.Length} values but samples × neurons = {(long)samples * neurons}.", nameof(activations));
        }

        var statistics = NeuronStatistics.Of(activations, samples, neurons);
        var panels = StandardisedPanels.Pack(activations, samples, neurons, statistics);
        var weights = new float[(long)neurons * neurons];
        CorrelationKernel.AbsoluteCorrelations(panels, weights);
        return ConnectomeMatrix.WrapDense(neurons, weights);
    }
}
