namespace Orchestrator.Client.Core.Workers;

/// <summary>
/// What a front end asks of a local single silo (the embedded main job). Values are handed to the worker's
/// <c>silo</c> verb, which owns the flags, their defaults and their validation.
/// </summary>
/// <param name="ClusterId">Orleans cluster id, unique per run so two local runs never meet.</param>
/// <param name="CheckpointDirectory">Where trials write their checkpoints.</param>
/// <param name="Slots">Trials the silo trains at once.</param>
public sealed record LocalSiloSettings(string ClusterId, string CheckpointDirectory, int Slots)
{
    /// <summary>Comma-separated CUDA device indices (null: CPU slots); the worker checks them.</summary>
    public string? Gpus { get; init; }

    /// <summary>Dataset directory (null: the worker's default).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Prometheus /metrics port on loopback (0: off).</summary>
    public int MetricsPort { get; init; }

    /// <summary>Connectomes kept per trial for the dashboard (null: the worker's default); the worker checks the range.</summary>
    public int? ConnectomesKept { get; init; }

    /// <summary>A metric series per trial (the worker's <c>--per-trial-metrics</c>).</summary>
    public bool PerTrialMetrics { get; init; }
}
