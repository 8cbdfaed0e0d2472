using System.Runtime.Intrinsics;

namespace Orchestrator.Topology;

/// <summary>
/// Per-neuron mean and reciprocal centred norm over a probe set, in double precision; the reciprocal
/// norm is 0 for a constant neuron, which makes every correlation with it exactly 0.
/// </summary>
internal sealed class NeuronStatistics
{
    /// <summary>A neuron is constant when its standard deviation is at most this fraction of its largest |activation|.</summary>
    internal const double ConstantRelativeSpread = 1.0 / (1 << 20);

    private NeuronStatistics(double[] mean, double[] inverseNorm)
    {
        Mean = mean;
        InverseNorm = inverseNorm;
    }

    /// <summary>Mean activation of each neuron.</summary>
    public double[] Mean { get; }

    /// <summary>1 / sqrt(Σ(x − mean)²) for each neuron, or 0 for a constant neuron.</summary>
    public double[] InverseNorm { get; }

    /// <summary>Two passes over the activations (sum, then centred sum of squares); rejects NaN and ±Inf.</summary>
    public static NeuronStatistics Of(ReadOnlySpan<float> activations, int samples, int neurons)
    {
        var sum = new double[neurons];
        var maxAbs = new float[neurons];
        for (var s = 0; s < samples; s++)
        {
            var row = activations.Slice(s * neurons, neurons);
            AccumulateSumAndMaxAbs(row, sum, maxAbs);
        }

        for (var j = 0; j < neurons; j++)
        {
            // A finite float sum over int.MaxValue samples cannot overflow a double: non-finite means bad input.
            if (!double.IsFinite(sum[j]))
            {
                throw NonFinite(activations, samples, neurons, j);
            }

            sum[j] /= samples;
        }

        var mean = sum;
        var squares = new double[neurons];
        for (var s = 0; s < samples; s++)
        {
            AccumulateCentredSquares(activations.Slice(s * neurons, neurons), mean, squares);
        }

        var inverseNorm = squares;
        for (var j = 0; j < neurons; j++)
        {
            var standardDeviation = Math.Sqrt(squares[j] / samples);
            inverseNorm[j] = standardDeviation <= ConstantRelativeSpread * maxAbs[j] ? 0 : 1 / Math.Sqrt(squares[j]);
        }

        return new NeuronStatistics(mean, inverseNorm);
    }

    private static ArgumentException NonFinite(ReadOnlySpan<float> activations, int samples, int neurons, int neuron)
    {
        for (var s = 0; s < samples; s++)
        {
            var value = activations[(s * neurons) + neuron];
            if (!float.IsFinite(value))
            {
                return new ArgumentException(
                    $"activation at sample {s}, neuron {neuron} is {value}; activations must be finite (check the network for divergence).",
                    "activations");
            }
        }

        return new ArgumentException($"neuron {neuron} has a non-finite sum; activations must be finite.", "activations");
    }

    private static void AccumulateSumAndMaxAbs(ReadOnlySpan<float> row, Span<double> sum, Span<float> maxAbs)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<float>.Count <= row.Length; j += Vector256<float>.Count)
            {
                var x = Vector256.Create(row.Slice(j, Vector256<float>.Count));
                var (low, high) = Vector256.Widen(x);
                (Vector256.Create(sum.Slice(j, 4)) + low).CopyTo(sum.Slice(j, 4));
                (Vector256.Create(sum.Slice(j + 4, 4)) + high).CopyTo(sum.Slice(j + 4, 4));
                Vector256.Max(Vector256.Create(maxAbs.Slice(j, 8)), Vector256.Abs(x)).CopyTo(maxAbs.Slice(j, 8));
            }
        }

        for (; j < row.Length; j++)
        {
            sum[j] += row[j];
            maxAbs[j] = MathF.Max(maxAbs[j], MathF.Abs(row[j]));
        }
    }

    private static void AccumulateCentredSquares(ReadOnlySpan<float> row, ReadOnlySpan<double> mean, Span<double> squares)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<float>.Count <= row.Length; j += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.Create(row.Slice(j, Vector256<float>.Count)));
                var d0 = low - Vector256.Create(mean.Slice(j, 4));
                var d1 = high - Vector256.Create(mean.Slice(j + 4, 4));
                (Vector256.Create(squares.Slice(j, 4)) + (d0 * d0)).CopyTo(squares.Slice(j, 4));
                (Vector256.Create(squares.Slice(j + 4, 4)) + (d1 * d1)).CopyTo(squares.Slice(j + 4, 4));
            }
        }

        for (; j < row.Length; j++)
        {
            var d = row[j] - mean[j];
            squares[j] += d * d;
        }
    }
}
