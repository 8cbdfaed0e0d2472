namespace Orchestrator.Topology.Stopping;

/// <summary>What a criterion does with a NaN or ±∞ signal value.</summary>
public enum NonFiniteSignalPolicy
{
    /// <summary>Stop the run at once with a reason naming the value and the epoch (a diverged run; the default).</summary>
    Stop,

    /// <summary>Ignore the value: it is not smoothed and does not count towards patience.</summary>
    Skip,
}
