namespace Orchestrator.Topology.Stopping;

/// <summary>Trailing moving average or exponential moving average of a series of finite values.</summary>
public sealed class SignalSmoother
{
    private readonly SmoothingMethod _method;
    private readonly double[] _recent;
    private readonly double _alpha;
    private double _ema;

    /// <param name="method">Moving average or EMA.</param>
    /// <param name="window">Window in values, ≥ 1; for the EMA α = 2 / (window + 1).</param>
    public SignalSmoother(SmoothingMethod method, int window)
    {
        _method = ParameterCheck.Defined(method, "smoothing");
        _recent = new double[ParameterCheck.AtLeast(window, 1, "window")];
        _alpha = 2.0 / (window + 1);
    }

    /// <summary>Number of values added so far.</summary>
    public int Count { get; private set; }

    /// <summary>True once a full window of values was added; before that the average rests on too few values to trust.</summary>
    public bool IsReady => Count >= _recent.Length;

    /// <summary>The current smoothed value (NaN before the first value).</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>Adds a finite value and returns the new smoothed value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public double Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite values can be smoothed.");
        }

        _recent[Count % _recent.Length] = value;
        Count++;
        if (_method == SmoothingMethod.MovingAverage)
        {
            // Re-summing the (small) window avoids the drift of a running sum.
            var used = Math.Min(Count, _recent.Length);
            double sum = 0;
            for (var k = 0; k < used; k++)
            {
                sum += _recent[k];
            }

            Value = sum / used;
        }
        else
        {
            _ema = Count == 1 ? value : (_alpha * value) + ((1 - _alpha) * _ema);
            Value = _ema;
        }

        return Value;
    }
}
