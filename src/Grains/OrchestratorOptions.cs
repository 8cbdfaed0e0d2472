namespace Orchestrator.Grains;

/// <summary>Silo-side settings of the orchestration grains (bound from the silo's command line).</summary>
public sealed class OrchestratorOptions
{
    /// <summary>Directory reachable by every silo where run checkpoints and topology state files live.</summary>
    public string CheckpointDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "orchestrator", "checkpoints");

    /// <summary>Trials this silo trains at once when it has no <see cref="Gpus"/>.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>CUDA device indices this silo trains on, one trial per GPU; empty for CPU slots.</summary>
    public IReadOnlyList<int> Gpus { get; set; } = [];

    /// <summary>Directory with dataset files; null uses the training engine's default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Directories whose TorchScript models and plugins this silo loads (<c>--models-dir</c>); null for the default (<c>ORCHESTRATOR_MODELS_DIR</c>, else the working directory).</summary>
    public IReadOnlyList<string>? ModelDirectories { get; set; }

    /// <summary>How often a sweep coordinator checks its running trials (and restarts those whose silo died).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
