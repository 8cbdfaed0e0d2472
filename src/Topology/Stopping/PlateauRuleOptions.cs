namespace Orchestrator.Topology.Stopping;

/// <summary>
/// Parameters of <see cref="SmoothedPlateauRule"/>. Every property validates its value when set and
/// throws an <see cref="ArgumentOutOfRangeException"/> naming the parameter and the allowed range.
/// </summary>
public sealed record PlateauRuleOptions
{
    /// <summary>Default smoothing window (epochs).</summary>
    public const int DefaultWindow = 5;

    /// <summary>Default relative improvement threshold.</summary>
    public const double DefaultRelativeThreshold = 0.1;

    /// <summary>Default warm-up (epochs ignored at the start).</summary>
    public const int DefaultWarmUp = 5;

    /// <summary>Default patience (epochs without a significant improvement).</summary>
    public const int DefaultPatience = 5;

    /// <summary>Default maximum number of epochs.</summary>
    public const int DefaultMaxEpochs = 100;

    private readonly SmoothingMethod _smoothing = SmoothingMethod.MovingAverage;
    private readonly int _window = DefaultWindow;
    private readonly double _relativeThreshold = DefaultRelativeThreshold;
    private readonly double _minDelta;
    private readonly int _warmUp = DefaultWarmUp;
    private readonly int _patience = DefaultPatience;
    private readonly int _maxEpochs = DefaultMaxEpochs;
    private readonly NonFiniteSignalPolicy _onNonFinite = NonFiniteSignalPolicy.Stop;

    /// <summary>Moving average (default) or exponential moving average.</summary>
    public SmoothingMethod Smoothing
    {
        get => _smoothing;
        init => _smoothing = ParameterCheck.Defined(value, "smoothing");
    }

    /// <summary>Smoothing window in epochs, ≥ 1 (1 = no smoothing). The smoothed value exists once this many values were seen.</summary>
    public int Window
    {
        get => _window;
        init => _window = ParameterCheck.AtLeast(value, 1, "window");
    }

    /// <summary>
    /// A smoothed value improves on the reference only if it is lower by more than this fraction of the
    /// reference, in [0, 1).
    /// </summary>
    public double RelativeThreshold
    {
        get => _relativeThreshold;
        init => _relativeThreshold = ParameterCheck.InUnitInterval(value, "relativeThreshold");
    }

    /// <summary>Absolute floor of the required improvement, ≥ 0 (0 = purely relative).</summary>
    public double MinDelta
    {
        get => _minDelta;
        init => _minDelta = ParameterCheck.NonNegative(value, "minDelta");
    }

    /// <summary>Epochs 1…warmUp are ignored entirely (not smoothed, no patience), ≥ 0.</summary>
    public int WarmUp
    {
        get => _warmUp;
        init => _warmUp = ParameterCheck.AtLeast(value, 0, "warmUp");
    }

    /// <summary>Stop after this many consecutive evaluated epochs without a significant improvement, ≥ 1.</summary>
    public int Patience
    {
        get => _patience;
        init => _patience = ParameterCheck.AtLeast(value, 1, "patience");
    }

    /// <summary>Stop at this epoch whatever the signal does, ≥ 1.</summary>
    public int MaxEpochs
    {
        get => _maxEpochs;
        init => _maxEpochs = ParameterCheck.AtLeast(value, 1, "maxEpochs");
    }

    /// <summary>What to do with a NaN or ±∞ signal value (default: stop).</summary>
    public NonFiniteSignalPolicy OnNonFinite
    {
        get => _onNonFinite;
        init => _onNonFinite = ParameterCheck.Defined(value, "onNonFinite");
    }
}
