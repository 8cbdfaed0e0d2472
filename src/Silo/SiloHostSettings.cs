using System.Net;

namespace Orchestrator.Silo;

/// <summary>How one silo process is hosted (from the `silo` verb's options).</summary>
internal sealed record SiloHostSettings
{
    /// <summary>Redis <c>host:port</c> for cluster mode; null hosts an embedded single silo (in-memory storage).</summary>
    public string? Redis { get; init; }

    /// <summary>Address silos and gateways bind to and advertise (loopback unless given).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Silo-to-silo port (the `silo` verb's <c>--port</c>, which owns the default).</summary>
    public required int SiloPort { get; init; }

    /// <summary>Client gateway port (the `silo` verb's <c>--gateway-port</c>).</summary>
    public required int GatewayPort { get; init; }

    /// <summary>Orleans cluster id.</summary>
    public string ClusterId { get; init; } = "orchestrator";

    /// <summary>Shared checkpoint directory.</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>Training slots of this silo.</summary>
    public int Slots { get; init; } = 1;

    /// <summary>GPU ids this silo may use (empty: CPU only).</summary>
    public IReadOnlyList<int> Gpus { get; init; } = [];

    /// <summary>Trials each of <see cref="Gpus"/> takes at once, in the same order (empty: one each).</summary>
    public IReadOnlyList<int> TrialsPerGpu { get; init; } = [];

    /// <summary>Memory-aware GPU admission's margin as a fraction of a trial's peak (null: off).</summary>
    public double? GpuMemoryMargin { get; init; }

    /// <summary>Dataset directory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Directories of trusted user models (<c>--models-dir</c>); empty for the default (see <c>TrustedPath.DefaultTrustedDirectories</c>).</summary>
    public IReadOnlyList<string> ModelDirectories { get; init; } = [];

    /// <summary>Port of the Prometheus scrape endpoint (/metrics on loopback); 0 disables it.</summary>
    public int MetricsPort { get; init; }

    /// <summary>Connectomes kept per trial for the dashboard (<c>--connectomes-kept</c>).</summary>
    public int ConnectomesKept { get; init; } = Orchestrator.Grains.OrchestratorOptions.DefaultConnectomesKept;

    /// <summary>Per-trial metric series (<c>--per-trial-metrics</c>).</summary>
    public bool PerTrialMetrics { get; init; }

    /// <summary>Exit when standard input closes (the CLI that started the silo went away).</summary>
    public bool StopWithStdin { get; init; }
}
