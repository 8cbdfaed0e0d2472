using System.CommandLine;
using System.Globalization;
using Orchestrator.Grains;

namespace Orchestrator.Silo;

/// <summary>
/// The `silo` verb's flags for what the dashboards get from this silo: connectomes kept per trial (the web
/// dashboard's diagram slider and heat map) and per-trial metrics (a Prometheus series per trial). Their own
/// file, so the verb gains two lines.
/// </summary>
internal sealed class DashboardDataOptions
{
    /// <summary>More would be a typo rather than a plan: 10,000 connectomes of n = 384 are 2.9 GB per trial.</summary>
    public const int MaxConnectomesKept = 10_000;

    public Option<int> ConnectomesKept { get; } = new("--connectomes-kept")
    {
        Description = $"Connectomes kept per trial (the last K epochs) for the dashboard's diagram slider and heat map, 0–{MaxConnectomesKept}; each is n(n−1)/2 float32 values on disk (294 KB at n = 384). A resumed run's own needs are kept regardless.",
        DefaultValueFactory = _ => OrchestratorOptions.DefaultConnectomesKept,
    };

    public Option<bool> PerTrialMetrics { get; } = new("--per-trial-metrics")
    {
        Description = "Add trial.id to the per-epoch metrics: a series per trial (per-trial curves in Prometheus/Grafana; cardinality grows with every trial).",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ConnectomesKept);
        command.Options.Add(PerTrialMetrics);
    }

    /// <summary><paramref name="settings"/> with these flags, or the error naming the flag and its range.</summary>
    public (SiloHostSettings? Settings, string? Error) Apply(ParseResult parse, SiloHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var kept = parse.GetValue(ConnectomesKept);
        if (kept is < 0 or > MaxConnectomesKept)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"--connectomes-kept {kept} is out of range: give 0–{MaxConnectomesKept} (default {OrchestratorOptions.DefaultConnectomesKept})"));
        }

        return (settings with { ConnectomesKept = kept, PerTrialMetrics = parse.GetValue(PerTrialMetrics) }, null);
    }
}
