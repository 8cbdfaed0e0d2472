namespace Orchestrator.Topology;

/// <summary>
/// Standardised activations z = (x − mean) / ‖x − mean‖ in double precision, stored as panels of
/// <see cref="Width"/> neurons: panel p holds neurons 4p…4p+3, sample-major, so the Gram kernel reads
/// each panel as one contiguous stream. Padding neurons (and constant neurons) are all zero.
/// </summary>
internal sealed class StandardisedPanels
{
    /// <summary>Neurons per panel (one Vector256 of doubles).</summary>
    public const int Width = 4;

    /// <summary>Zero panels appended so a kernel tile of <see cref="CorrelationKernel.TilePanels"/> panels never runs off the end.</summary>
    public const int PaddingPanels = CorrelationKernel.TilePanels - 1;

    private StandardisedPanels(int samples, int neurons, int panelCount, double[] values)
    {
        Samples = samples;
        Neurons = neurons;
        PanelCount = panelCount;
        Values = values;
    }

    /// <summary>Number of probe samples m.</summary>
    public int Samples { get; }

    /// <summary>Number of neurons n.</summary>
    public int Neurons { get; }

    /// <summary>Number of real panels, ⌈n / 4⌉.</summary>
    public int PanelCount { get; }

    /// <summary>All panels (including the zero padding), panel-major, then sample, then neuron within the panel.</summary>
    public double[] Values { get; }

    /// <summary>Standardises and packs a row-major samples × neurons activation matrix.</summary>
    public static StandardisedPanels Pack(ReadOnlySpan<float> activations, int samples, int neurons, NeuronStatistics statistics)
    {
        var panelCount = (neurons + Width - 1) / Width;
        var panelLength = (long)samples * Width;
        var values = new double[(panelCount + PaddingPanels) * panelLength];
        var mean = statistics.Mean;
        var inverseNorm = statistics.InverseNorm;
        for (var s = 0; s < samples; s++)
        {
            var row = activations.Slice(s * neurons, neurons);
            for (var j = 0; j < neurons; j++)
            {
                values[((j / Width) * panelLength) + ((long)s * Width) + (j % Width)] = (row[j] - mean[j]) * inverseNorm[j];
            }
        }

        return new StandardisedPanels(samples, neurons, panelCount, values);
    }
}
