using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestrator.Contracts;
using Orchestrator.Grains;
using Orchestrator.Sweeps;
using Orleans.TestingHost;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// A sweep's traces reach a real OTLP viewer: scripts/otel-dashboard.sh starts the Aspire dashboard (fetched
/// from NuGet), a real in-process cluster exports to it, and the spans are read back through its telemetry API.
/// </summary>
public sealed class AspireTracesTests : IAsyncLifetime
{
    private readonly int _uiPort = LoopbackPort.Free();
    private readonly int _grpcPort = LoopbackPort.Free();
    private readonly int _httpPort = LoopbackPort.Free();
    private readonly string _state = Path.Combine(Path.GetTempPath(), "orchestrator-dashboard-tests", "otel-" + Guid.NewGuid().ToString("N"));
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "orchestrator-dashboard-tests", Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync() => Assert.Equal(0, await ScriptAsync("start"));

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop");
        foreach (var directory in new[] { _state, _checkpoints }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_sweeps_epoch_spans_and_their_phases_are_readable_in_the_aspire_dashboard()
    {
        var cancel = TestContext.Current.CancellationToken;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddActivityPropagation();
            silo.AddMemoryGrainStorage(OrchestratorStorage.Name);
            silo.UseInMemoryReminderService();
            silo.Services.AddOrchestratorGrains(o =>
            {
                o.CheckpointDirectory = _checkpoints;
                o.Slots = 1;
            });
            silo.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("orchestrator-silo-test"))
                .WithTracing(t => t
                    .AddSource(OrchestratorMetrics.Name, "Microsoft.Orleans.Application")
                    .AddOtlpExporter(o =>
                    {
                        o.Endpoint = new Uri($"http://127.0.0.1:{_grpcPort}");
                        o.Protocol = OtlpExportProtocol.Grpc;
                    }));
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
        var cluster = builder.Build();
        await cluster.DeployAsync(cancel);
        try
        {
            var sweep = SweepFile.Parse("""{ "name": "traced", "dataset": "synthetic", "model": "mlp-small", "probeSize": 32, "fractions": [1.0], "grid": { "seed": [0] }, "stopping": ["none"], "recordTopology": true, "maxEpochs": 3 }""").Definition!;
            var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>("traced");
            await coordinator.Submit(sweep);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!(await coordinator.GetStatus()).Trials.All(t => t.State.IsFinal()) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancel);
            }
        }
        finally
        {
            // Disposing the silo flushes its tracer provider's batch to the viewer.
            await cluster.DisposeAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_uiPort}/") };
        List<(string Name, string? Sweep, string SpanId, string ParentId)> all = [], spans = [];
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !(spans.Any(s => s.Name == "train") && spans.Count(s => s.Name == "checkpoint") == 3))
        {
            all = Spans(await http.GetStringAsync("api/telemetry/spans?limit=2000", cancel));
            spans = all.Where(s => s.Sweep == "traced").ToList();
            await Task.Delay(500, cancel);
        }

        var names = spans.Select(s => s.Name).ToHashSet();
        Assert.Contains("topology", names);
        Assert.Contains("train", names);
        Assert.Contains("probe", names);
        Assert.Contains("connectome", names);
        // Three epochs, each with its phases; every phase span hangs under a parent span (the epoch's trace).
        Assert.Equal(3, spans.Count(s => s.Name == "train"));
        Assert.All(spans, s => Assert.False(string.IsNullOrEmpty(s.ParentId), $"{s.Name} has no parent span"));

        // Each epoch's checkpoint (checkpointEvery 1) is a child of that epoch's span, though it runs after training.
        var epochSpans = all.Where(s => s.Name == "epoch").Select(s => s.SpanId).ToHashSet();
        var checkpoints = spans.Where(s => s.Name == "checkpoint").ToList();
        Assert.Equal(3, checkpoints.Count);
        Assert.All(checkpoints, c => Assert.Contains(c.ParentId, epochSpans));
    }

    private static List<(string Name, string? Sweep, string SpanId, string ParentId)> Spans(string json)
    {
        using var document = JsonDocument.Parse(json);
        var spans = new List<(string, string?, string, string)>();
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    string? sweep = null;
                    if (span.TryGetProperty("attributes", out var attributes))
                    {
                        foreach (var attribute in attributes.EnumerateArray())
                        {
                            if (attribute.GetProperty("key").GetString() == "sweep.id" && attribute.GetProperty("value").TryGetProperty("stringValue", out var value))
                            {
                                sweep = value.GetString();
                            }
                        }
                    }

                    spans.Add((span.GetProperty("name").GetString()!, sweep, span.GetProperty("spanId").GetString()!, span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? string.Empty : string.Empty));
                }
            }
        }

        return spans;
    }

    private async Task<int> ScriptAsync(string command)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "otel-dashboard.sh");
        var start = new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ORCHESTRATOR_OTEL_UI_PORT"] = _uiPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ORCHESTRATOR_OTEL_GRPC_PORT"] = _grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ORCHESTRATOR_OTEL_HTTP_PORT"] = _httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ORCHESTRATOR_OTEL_STATE"] = _state;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(await output + await error);
        return process.ExitCode;
    }


}
