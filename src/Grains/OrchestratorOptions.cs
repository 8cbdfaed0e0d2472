namespace Orchestrator.Grains;

/// <summary>Silo-side settings of the orchestration grains (bound from the silo's command line).</summary>
public sealed class OrchestratorOptions
{
    /// <summary>Directory reachable by every silo where run checkpoints and topology state files live.</summary>
    public string CheckpointDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "orchestrator", "checkpoints");

    /// <summary>Trials this silo trains at once when it has no <see cref="Gpus"/>.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>CUDA device indices this silo trains on; empty for CPU slots.</summary>
    public IReadOnlyList<int> Gpus { get; set; } = [];

    /// <summary>
    /// Trials each of <see cref="Gpus"/> trains at once, in the same order (empty: one each). The paper's small
    /// networks are launch-bound at batch 50 and leave a GPU mostly idle with one trial.
    /// </summary>
    public IReadOnlyList<int> TrialsPerGpu { get; set; } = [];

    /// <summary>
    /// Memory-aware admission to GPU slots (<c>--gpu-memory-margin</c>): a trial gets a GPU slot only when its peak GPU memory
    /// times (1 + this margin) is free there (<see cref="SiloSlotAdmission"/>). Null: off, slots are given by count alone.
    /// </summary>
    public double? GpuMemoryMargin { get; set; }

    /// <summary>Directory with dataset files; null uses the training engine's default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Default of <see cref="ConnectomesKept"/>: the slider over a short run (the quickstart trains up to 20 epochs).</summary>
    public const int DefaultConnectomesKept = 20;

    /// <summary>
    /// Connectomes kept per trial (the last K epochs) for the dashboard's diagram slider and heat map: each is
    /// n(n−1)/2 float32 values on disk (294 KB at n = 384, so 5.9 MB per trial at the default 20). Never fewer
    /// than a resumed run needs (checkpointEvery + 2), whatever K says. The silo's <c>--connectomes-kept</c>.
    /// </summary>
    public int ConnectomesKept { get; set; } = DefaultConnectomesKept;

    /// <summary>
    /// Adds <c>trial.id</c> to the per-epoch metrics: one series per trial (curves per trial in Prometheus or Grafana),
    /// at the cost of cardinality growing with every trial run. Off by default; the silo's <c>--per-trial-metrics</c>.
    /// </summary>
    public bool PerTrialMetrics { get; set; }

    /// <summary>Directories whose TorchScript models and plugins this silo loads (<c>--models-dir</c>); null for the default (<c>ORCHESTRATOR_MODELS_DIR</c>, else the working directory).</summary>
    public IReadOnlyList<string>? ModelDirectories { get; set; }

    /// <summary>How often a sweep coordinator checks its running trials (and restarts those whose silo died).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
