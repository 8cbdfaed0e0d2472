namespace Orchestrator.Topology.Stopping;

/// <summary>How a noisy per-epoch signal is smoothed before the plateau test.</summary>
public enum SmoothingMethod
{
    /// <summary>Trailing moving average of the last <c>window</c> values (CLI: <c>ma</c>).</summary>
    MovingAverage,

    /// <summary>Exponential moving average with α = 2 / (window + 1), started at the first value (CLI: <c>ema</c>).</summary>
    ExponentialMovingAverage,
}
