using System.Text.Json;

namespace Orchestrator.Client.Tests;

/// <summary>The CLI with the real worker (built next to these tests) on tiny synthetic runs.</summary>
[Collection("Worker environment variable")]
public sealed class WorkerEndToEndTests : IDisposable
{
    private readonly CliFixture _files = new();
    private readonly string? _previousWorker = Environment.GetEnvironmentVariable("ORCHESTRATOR_SILO_PATH");

    public WorkerEndToEndTests()
    {
        Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", CliFixture.BuiltWorker());
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ORCHESTRATOR_SILO_PATH", _previousWorker);
        _files.Dispose();
    }

    private static string[] TinyRun(string stop, int epochs, string json) =>
        ["train", "--dataset", "synthetic", "--fraction", "1", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stop", stop, "--probe-size", "100", "--json", json];

    [Theory]
    [InlineData("fp", "diagramDistance")]
    [InlineData("np", "neuralPersistence")]
    public async Task Train_with_a_baseline_criterion_records_its_signal_every_epoch(string stop, string signal)
    {
        var json = _files.PathOf($"{stop}.json");

        var result = await CliFixture.Run(TinyRun(stop, 3, json));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains($"{stop} ", result.Stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var epochs = report.RootElement.GetProperty("epochs").EnumerateArray().ToArray();
        Assert.Equal(3, epochs.Length);
        Assert.Equal(3, report.RootElement.GetProperty("summary").GetProperty("epochsRun").GetInt32());
        foreach (var epoch in epochs)
        {
            var value = epoch.GetProperty("signals").GetProperty(signal);
            var first = epoch.GetProperty("epoch").GetInt32() == 1;
            if (stop == "fp" && first)
            {
                // FP's signal is a distance to the previous epoch.
                Assert.Equal(JsonValueKind.Null, value.ValueKind);
            }
            else
            {
                Assert.True(value.GetDouble() >= 0, $"{signal} = {value}");
            }

            // The other baseline's signal is not computed.
            var other = stop == "fp" ? "neuralPersistence" : "diagramDistance";
            Assert.Equal(JsonValueKind.Null, epoch.GetProperty("signals").GetProperty(other).ValueKind);
        }
    }

    [Fact]
    public async Task Train_json_says_per_epoch_what_the_loop_waited_for_and_synchronous_monitoring_gives_the_same_run()
    {
        var concurrent = _files.PathOf("concurrent.json");
        var synchronous = _files.PathOf("synchronous.json");
        const string Top = "top:window=2,warmUp=1,patience=2,relativeThreshold=0.5";

        Assert.Equal(0, (await CliFixture.Run(TinyRun(Top, 30, concurrent))).ExitCode);
        var result = await CliFixture.Run([.. TinyRun(Top, 30, synchronous), "--synchronous-monitoring"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var a = JsonDocument.Parse(File.ReadAllText(concurrent));
        using var b = JsonDocument.Parse(File.ReadAllText(synchronous));
        foreach (var report in new[] { a, b })
        {
            Assert.All(report.RootElement.GetProperty("epochs").EnumerateArray(), e => Assert.True(e.GetProperty("seconds").GetProperty("monitoringOnPath").GetDouble() > 0));
        }

        var (sa, sb) = (a.RootElement.GetProperty("summary"), b.RootElement.GetProperty("summary"));
        Assert.Equal("stopped early", sa.GetProperty("status").GetString());
        Assert.Equal((sb.GetProperty("stopEpoch").GetInt32(), sb.GetProperty("testAccuracy").GetDouble()), (sa.GetProperty("stopEpoch").GetInt32(), sa.GetProperty("testAccuracy").GetDouble()));
        Assert.Equal((0, 1), (sb.GetProperty("speculativeEpochs").GetInt32(), sa.GetProperty("speculativeEpochs").GetInt32()));
        Assert.Equal("concurrent", a.RootElement.GetProperty("settings").GetProperty("monitoring").GetString());
    }

    [Fact]
    public async Task A_resumed_fp_run_continues_its_diagram_distances_as_if_uninterrupted()
    {
        var checkpoint = _files.PathOf("fp.ckpt");
        var whole = _files.PathOf("whole.json");
        var resumed = _files.PathOf("resumed.json");
        Assert.Equal(0, (await CliFixture.Run(TinyRun("fp", 4, whole))).ExitCode);
        Assert.Equal(0, (await CliFixture.Run([.. TinyRun("fp", 2, _files.PathOf("first.json")), "--checkpoint", checkpoint])).ExitCode);

        var result = await CliFixture.Run([.. TinyRun("fp", 4, resumed), "--checkpoint", checkpoint, "--resume", checkpoint]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        static double?[] Distances(string path)
        {
            using var report = JsonDocument.Parse(File.ReadAllText(path));
            return [.. report.RootElement.GetProperty("epochs").EnumerateArray()
                .Select(e => e.GetProperty("signals").GetProperty("diagramDistance") is { ValueKind: JsonValueKind.Number } d ? d.GetDouble() : (double?)null)];
        }

        Assert.Equal(Distances(whole), Distances(resumed));
        Assert.Equal(4, Distances(resumed).Length);
    }

    [Fact]
    public async Task A_diverging_run_ends_as_diverged_with_a_json_report()
    {
        var json = _files.PathOf("diverged.json");

        var result = await CliFixture.Run([.. TinyRun("np", 3, json), "--lr", "1e12"]);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("diverged", report.RootElement.GetProperty("summary").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Neural_persistence_of_a_checkpoint_equals_the_value_the_run_recorded_for_that_epoch()
    {
        var json = _files.PathOf("run.json");
        var checkpoint = _files.PathOf("model.ckpt");
        var train = await CliFixture.Run([.. TinyRun("np", 2, json), "--checkpoint", checkpoint]);
        Assert.True(train.ExitCode == 0, train.Stdout + train.Stderr);

        var result = await CliFixture.Run("topology", "neural-persistence", "--weights", checkpoint);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var output = JsonDocument.Parse(result.Stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var recorded = report.RootElement.GetProperty("epochs").EnumerateArray().Last().GetProperty("signals").GetProperty("neuralPersistence").GetDouble();
        Assert.Equal(recorded, output.RootElement.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2, output.RootElement.GetProperty("epoch").GetInt32());
        var layers = output.RootElement.GetProperty("layers").EnumerateArray().ToArray();
        Assert.True(layers.Length >= 2);
        for (var k = 0; k < layers.Length; k++)
        {
            var inputs = layers[k].GetProperty("inputs").GetInt32();
            var outputs = layers[k].GetProperty("outputs").GetInt32();
            Assert.Equal(layers[k].GetProperty("value").GetDouble() / Math.Sqrt(inputs + outputs - 1), layers[k].GetProperty("normalised").GetDouble(), 12);
            if (k > 0)
            {
                Assert.Equal(layers[k - 1].GetProperty("outputs").GetInt32(), inputs);
            }
        }

        Assert.Equal(layers.Average(l => l.GetProperty("normalised").GetDouble()), output.RootElement.GetProperty("mean").GetDouble(), 12);
    }

    [Fact]
    public async Task A_missing_or_foreign_weights_file_is_bad_input_with_nothing_on_stdout()
    {
        var missing = await CliFixture.Run("topology", "neural-persistence", "--weights", _files.PathOf("none.ckpt"));
        var foreign = await CliFixture.Run("topology", "neural-persistence", "--weights", _files.WriteText("w.csv", "0,1\n1,0\n"));

        foreach (var result in new[] { missing, foreign })
        {
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Equal(string.Empty, result.Stdout);
            Assert.Contains("--weights", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_corrupted_checkpoint_is_rejected_by_the_worker_with_nothing_on_stdout()
    {
        var checkpoint = _files.PathOf("model.ckpt");
        var train = await CliFixture.Run([.. TinyRun("none", 1, _files.PathOf("run.json")), "--checkpoint", checkpoint]);
        Assert.True(train.ExitCode == 0, train.Stdout + train.Stderr);
        var bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(checkpoint, bytes);

        var result = await CliFixture.Run("topology", "neural-persistence", "--weights", checkpoint);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("corrupt", result.Stderr, StringComparison.Ordinal);
    }
}
