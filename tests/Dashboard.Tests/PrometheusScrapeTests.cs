using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orchestrator.Contracts;
using Orchestrator.Grains;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// deploy/prometheus: the scrape config and recording rules pass Debian's <c>promtool check config</c>, and every
/// metric the rules read is in a real scrape of our instruments (the silo's Prometheus exporter), labelled by
/// sweep and method.
/// </summary>
public sealed partial class PrometheusScrapeTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus");

    [Fact]
    public async Task The_scrape_config_and_its_recording_rules_pass_promtool()
    {
        var (code, output) = await RunAsync("promtool", "check", "config", Path.Combine(Deploy, "prometheus.yml"));

        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
        Assert.Contains("rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_metric_the_rules_read_is_scraped_with_sweep_and_method_labels()
    {
        var port = LoopbackPort.Free();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(OrchestratorMetrics.Name)
            .AddPrometheusHttpListener(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = port;
            })
            .Build();
        using var metrics = new OrchestratorMetrics();
        var spec = new TrialSpec { Id = "t1", SweepId = "scraped", Dataset = "synthetic", Model = "mlp-small", MaxEpochs = 10, Stopping = new StoppingMethod { Name = "top", Parameters = ImmutableSortedDictionary<string, string>.Empty.Add("patience", "3") } };
        foreach (var epoch in GeneratedSweep.Series(spec, 4, root: null, keepConnectomes: false))
        {
            metrics.RecordEpoch(spec, epoch with { Losses = epoch.Losses with { Validation = 0.5 } });
        }

        metrics.StoppedEarly(spec, 4);
        metrics.TrialEnded(spec, TrialState.Stopped);
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);

        var rules = await File.ReadAllTextAsync(Path.Combine(Deploy, "orchestrator-rules.yml"), TestContext.Current.CancellationToken);
        var read = MetricName().Matches(rules).Select(m => m.Value).ToHashSet();
        Assert.NotEmpty(read);
        foreach (var name in read)
        {
            Assert.Matches($"(?m)^{name}\\{{.*sweep_id=\"scraped\".*\\}}", scrape);
        }

        Assert.Matches("(?m)^orchestrator_epochs_completed_total\\{.*stopping_method=\"top\".*\\} 4", scrape);
        // Trials by state per sweep × method: the trials-ended counter carries the method too.
        Assert.Matches("(?m)^orchestrator_trials_ended_total\\{(?=.*state=\"Stopped\")(?=.*stopping_method=\"top\")(?=.*sweep_id=\"scraped\").*\\} 1", scrape);
        // Bounded cardinality: no trial or epoch label unless per-trial metrics are switched on.
        Assert.DoesNotContain("trial_id=", scrape, StringComparison.Ordinal);
        Assert.DoesNotMatch("[{,]epoch=", scrape);
    }

    // A metric read by an expression; recorded names (sweep_method:orchestrator_…:mean5m) are not scraped.
    [GeneratedRegex(@"(?<![:\w])orchestrator_[a-z_]+(?![:\w])")]
    private static partial Regex MetricName();

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{file} is not installed: run scripts/bootstrap.sh --with prometheus (Debian package prometheus)");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }


}
