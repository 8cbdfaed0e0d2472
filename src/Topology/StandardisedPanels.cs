using System.Runtime.Intrinsics;

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
    public static unsafe StandardisedPanels Pack(ReadOnlySpan<float> activations, int samples, int neurons, NeuronStatistics statistics)
    {
        var panelCount = (neurons + Width - 1) / Width;
        var panelLength = (long)samples * Width;
        var values = new double[(panelCount + PaddingPanels) * panelLength];
        var mean = statistics.Mean;
        var inverseNorm = statistics.InverseNorm;
        const int samplesPerTask = 64;
        fixed (float* pinned = activations)
        {
            var source = (nint)pinned;
            Parallel.For(
                0,
                (samples + samplesPerTask - 1) / samplesPerTask,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                task =>
                {
                    var end = Math.Min(samples, (task + 1) * samplesPerTask);
                    for (var s = task * samplesPerTask; s < end; s++)
                    {
                        var row = new ReadOnlySpan<float>((float*)source + ((long)s * neurons), neurons);
                        PackSample(row, mean, inverseNorm, values.AsSpan((int)((long)s * Width)), panelLength);
                    }
                });
        }

        return new StandardisedPanels(samples, neurons, panelCount, values);
    }

    // Writes sample s's z-scores: neurons 4p…4p+3 go to panel p, i.e. destination[p * panelLength + 0…3].
    private static void PackSample(ReadOnlySpan<float> row, double[] mean, double[] inverseNorm, Span<double> destination, long panelLength)
    {
        var j = 0;
        for (; j + Width <= row.Length; j += Width)
        {
            var x = Vector256.Create((double)row[j], row[j + 1], row[j + 2], row[j + 3]);
            var z = (x - Vector256.Create(mean.AsSpan(j, Width))) * Vector256.Create(inverseNorm.AsSpan(j, Width));
            z.CopyTo(destination.Slice((int)(j / Width * panelLength), Width));
        }

        for (; j < row.Length; j++)
        {
            destination[(int)((j / Width * panelLength) + (j % Width))] = (row[j] - mean[j]) * inverseNorm[j];
        }
    }
}
