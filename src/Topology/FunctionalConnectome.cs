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
    /// A neuron that is constant over the probe set has no defined correlation; it is reported as
    /// uncorrelated (weight 0) with every other neuron, including another constant neuron.
    /// </remarks>
    /// <exception cref="ArgumentException">Fewer than two samples, a size mismatch, or a NaN/±Inf activation.</exception>
    public static ConnectomeMatrix Compute(ReadOnlySpan<float> activations, int samples, int neurons)
    {
        if (samples < 2)
        {
            throw new ArgumentException($"samples is {samples}: a correlation needs at least 2 probe samples.", nameof(samples));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(neurons, 1);
        if (activations.Length != (long)samples * neurons)
        {
            throw new ArgumentException(
                $"activations has {activations.Length} values but samples × neurons = {(long)samples * neurons}.", nameof(activations));
        }

        for (var k = 0; k < activations.Length; k++)
        {
            if (!float.IsFinite(activations[k]))
            {
                throw new ArgumentException(
                    $"activation at sample {k / neurons}, neuron {k % neurons} is {activations[k]}; activations must be finite.", nameof(activations));
            }
        }

        // Reference implementation: centre, normalise, then dot products in double.
        var mean = new double[neurons];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < neurons; j++)
            {
                mean[j] += activations[(s * neurons) + j];
            }
        }

        for (var j = 0; j < neurons; j++)
        {
            mean[j] /= samples;
        }

        var centred = new double[(long)samples * neurons];
        var norm = new double[neurons];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < neurons; j++)
            {
                var c = activations[(s * neurons) + j] - mean[j];
                centred[(s * neurons) + j] = c;
                norm[j] += c * c;
            }
        }

        var w = new float[(long)neurons * neurons];
        for (var i = 0; i < neurons; i++)
        {
            for (var j = i + 1; j < neurons; j++)
            {
                if (norm[i] == 0 || norm[j] == 0)
                {
                    continue;
                }

                double dot = 0;
                for (var s = 0; s < samples; s++)
                {
                    dot += centred[(s * neurons) + i] * centred[(s * neurons) + j];
                }

                var r = (float)Math.Min(1.0, Math.Abs(dot / Math.Sqrt(norm[i] * norm[j])));
                w[(i * neurons) + j] = r;
                w[(j * neurons) + i] = r;
            }
        }

        return ConnectomeMatrix.WrapDense(neurons, w);
    }
}
