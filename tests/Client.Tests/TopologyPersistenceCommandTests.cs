using System.Globalization;
using System.Text.Json;
using Orchestrator.Topology;
using Orchestrator.Topology.Diagrams;
using Orchestrator.Topology.Homology;

namespace Orchestrator.Client.Tests;

public sealed class TopologyPersistenceCommandTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private static List<PersistencePair> Pairs(JsonElement array) =>
        [.. array.EnumerateArray().Select(p => new PersistencePair(
            p[0].GetSingle(), p[1].ValueKind == JsonValueKind.Null ? float.PositiveInfinity : p[1].GetSingle()))];

    private static RipsPersistence Library(double[,] w, int maxDimension = 1, float? threshold = null) =>
        VietorisRipsPersistence.OfConnectome(ConnectomeMatrix.FromUpperTriangle(CliFixture.UpperTriangle(w)), maxDimension, threshold);

    [Fact]
    public async Task Prints_the_library_diagrams_with_null_for_infinity()
    {
        var w = CliFixture.RandomSymmetric(new Random(3), 14);
        var result = await CliFixture.Run("topology", "persistence", "--matrix", _files.WriteCsv("w.csv", w));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["n", "distance", "h0", "h1"], root.EnumerateObject().Select(e => e.Name));
        Assert.Equal(14, root.GetProperty("n").GetInt32());
        Assert.Equal("1-abs", root.GetProperty("distance").GetString());
        var expected = Library(w);
        Assert.Equal(expected.H0.Pairs, Pairs(root.GetProperty("h0")));
        Assert.Equal(expected.H1.Pairs, Pairs(root.GetProperty("h1")));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("h0").EnumerateArray().Last()[1].ValueKind);
    }

    [Fact]
    public async Task Maxdim_0_prints_only_h0_and_a_threshold_truncates()
    {
        var w = CliFixture.RandomSymmetric(new Random(5), 10);
        var path = _files.WriteCsv("w.csv", w);

        var h0Only = await CliFixture.Run("topology", "persistence", "--matrix", path, "--maxdim", "0");
        var truncated = await CliFixture.Run("topology", "persistence", "--matrix", path, "--threshold", "0.15");

        using var first = JsonDocument.Parse(h0Only.Stdout);
        Assert.False(first.RootElement.TryGetProperty("h1", out _));
        using var second = JsonDocument.Parse(truncated.Stdout);
        var expected = Library(w, threshold: 0.15f);
        Assert.Equal(expected.H0.Pairs, Pairs(second.RootElement.GetProperty("h0")));
        Assert.Equal(expected.H1.Pairs, Pairs(second.RootElement.GetProperty("h1")));
        Assert.True(expected.H0.Essential.Count() > 1, "0.15 is below the enclosing radius of this matrix, so it should leave several components");
    }

    [Theory]
    [InlineData("wasserstein2", 0)]
    [InlineData("bottleneck", 0)]
    [InlineData("wasserstein2", 1)]
    [InlineData("bottleneck", 1)]
    public async Task Diagram_distance_reads_what_persistence_prints(string metric, int dim)
    {
        var random = new Random(11);
        var wa = CliFixture.RandomSymmetric(random, 12);
        var wb = CliFixture.RandomSymmetric(random, 12);
        var a = await CliFixture.Run("topology", "persistence", "--matrix", _files.WriteCsv("a.csv", wa));
        var b = await CliFixture.Run("topology", "persistence", "--matrix", _files.WriteCsv("b.csv", wb));
        var aPath = _files.WriteText("a.json", a.Stdout);
        var bPath = _files.WriteText("b.json", b.Stdout);

        var result = await CliFixture.Run(
            "topology", "diagram-distance", "--a", aPath, "--b", bPath, "--dim", dim.ToString(CultureInfo.InvariantCulture), "--metric", metric);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["dim", "metric", "value"], root.EnumerateObject().Select(e => e.Name));
        Assert.Equal(dim, root.GetProperty("dim").GetInt32());
        Assert.Equal(metric, root.GetProperty("metric").GetString());
        var expected = DiagramDistance.Between(
            Library(wa).Diagram(dim).Pairs, Library(wb).Diagram(dim).Pairs, metric == "bottleneck" ? DiagramMetric.Bottleneck : DiagramMetric.Wasserstein2);
        Assert.Equal(expected, root.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Diagram_distance_defaults_to_h1_and_wasserstein2()
    {
        var path = _files.WriteText("a.json", (await CliFixture.Run("topology", "persistence", "--matrix", _files.WriteCsv("w.csv", CliFixture.RandomSymmetric(new Random(2), 8)))).Stdout);

        var result = await CliFixture.Run("topology", "diagram-distance", "--a", path, "--b", path);

        Assert.Equal("{\"dim\":1,\"metric\":\"wasserstein2\",\"value\":0}\n", result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Essential_classes_in_different_numbers_give_null()
    {
        var a = _files.WriteText("a.json", "{\"h0\":[[0,0.5],[0,null]]}");
        var b = _files.WriteText("b.json", "{\"h0\":[[0,null],[0,null]]}");

        var result = await CliFixture.Run("topology", "diagram-distance", "--a", a, "--b", b, "--dim", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"value\":null", result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadPersistenceInputs => new()
    {
        { "1.5", "[−1, 1]" },
        { "maxdim", "--maxdim is 2" },
        { "threshold", "--threshold is -1" },
    };

    [Theory]
    [MemberData(nameof(BadPersistenceInputs))]
    public async Task Bad_persistence_input_exits_2_with_a_message_and_no_output(string bad, string message)
    {
        var w = CliFixture.RandomSymmetric(new Random(1), 5);
        if (bad == "1.5")
        {
            w[0, 1] = w[1, 0] = 1.5;
        }

        string[] args = ["topology", "persistence", "--matrix", _files.WriteCsv("w.csv", w)];
        args = bad switch
        {
            "maxdim" => [.. args, "--maxdim", "2"],
            "threshold" => [.. args, "--threshold", "-1"],
            _ => args,
        };

        var result = await CliFixture.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"h0\":[]}", "no \"h1\" array")]
    [InlineData("{\"h1\":[[0.5]]}", "h1[0] is not [birth, death]")]
    [InlineData("{\"h1\":[[0.5,0.25]]}", "death ≥ birth")]
    [InlineData("not json", "not valid JSON")]
    public async Task Bad_diagram_files_exit_2_naming_the_option_and_the_problem(string content, string message)
    {
        var good = _files.WriteText("good.json", "{\"h1\":[[0.1,0.2]]}");
        var bad = _files.WriteText("bad.json", content);

        var result = await CliFixture.Run("topology", "diagram-distance", "--a", good, "--b", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("--b", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_metric_exits_2()
    {
        var good = _files.WriteText("good.json", "{\"h1\":[[0.1,0.2]]}");

        var result = await CliFixture.Run("topology", "diagram-distance", "--a", good, "--b", good, "--metric", "wasserstein1");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("--metric", result.Stderr, StringComparison.Ordinal);
    }
}
