using System.Globalization;

namespace Orchestrator.Topology.Stopping;

/// <summary>
/// The named parameters of <see cref="SmoothedPlateauRule"/>, shared by every descriptor of a criterion
/// built on it (TOP, FP), so they accept the same names and defaults.
/// </summary>
public static class PlateauRuleParameters
{
    private static readonly Dictionary<string, SmoothingMethod> SmoothingChoices = new()
    {
        ["ma"] = SmoothingMethod.MovingAverage,
        ["ema"] = SmoothingMethod.ExponentialMovingAverage,
    };

    private static readonly Dictionary<string, NonFiniteSignalPolicy> NonFiniteChoices = new()
    {
        ["stop"] = NonFiniteSignalPolicy.Stop,
        ["skip"] = NonFiniteSignalPolicy.Skip,
    };

    /// <summary>smoothing, window, relativeThreshold, minDelta, warmUp, patience, maxEpochs, onNonFinite.</summary>
    public static IReadOnlyList<StoppingCriterionParameter> Definitions { get; } =
    [
        new("smoothing", "ma", "ma (trailing moving average) or ema (exponential, α = 2/(window+1))"),
        new("window", Text(PlateauRuleOptions.DefaultWindow), "smoothing window in epochs, integer ≥ 1 (1 = raw signal)"),
        new("relativeThreshold", Text(PlateauRuleOptions.DefaultRelativeThreshold), "required relative improvement of the smoothed value, in [0, 1)"),
        new("minDelta", "0", "absolute floor of the required improvement, ≥ 0"),
        new("warmUp", Text(PlateauRuleOptions.DefaultWarmUp), "epochs ignored at the start, integer ≥ 0"),
        new("patience", Text(PlateauRuleOptions.DefaultPatience), "evaluated epochs without significant improvement before stopping, integer ≥ 1"),
        new("maxEpochs", Text(PlateauRuleOptions.DefaultMaxEpochs), "hard limit on epochs, integer ≥ 1"),
        new("onNonFinite", "stop", "stop (end the run) or skip (ignore the value) on a NaN/±∞ signal"),
    ];

    /// <summary>Reads the options from arguments declared with <see cref="Definitions"/>.</summary>
    public static PlateauRuleOptions Read(StoppingCriterionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var smoothing = arguments.GetChoice("smoothing", SmoothingChoices);
        var window = arguments.GetInt("window");
        var relativeThreshold = arguments.GetDouble("relativeThreshold");
        var minDelta = arguments.GetDouble("minDelta");
        var warmUp = arguments.GetInt("warmUp");
        var patience = arguments.GetInt("patience");
        var maxEpochs = arguments.GetInt("maxEpochs");
        var onNonFinite = arguments.GetChoice("onNonFinite", NonFiniteChoices);
        return arguments.Build(() => new PlateauRuleOptions
        {
            Smoothing = smoothing,
            Window = window,
            RelativeThreshold = relativeThreshold,
            MinDelta = minDelta,
            WarmUp = warmUp,
            Patience = patience,
            MaxEpochs = maxEpochs,
            OnNonFinite = onNonFinite,
        });
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
