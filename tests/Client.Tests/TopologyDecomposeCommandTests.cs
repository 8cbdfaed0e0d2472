using System.Text.Json;
using Orchestrator.Topology;

namespace Orchestrator.Client.Tests;

public sealed class TopologyDecomposeCommandTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private static void AssertMatchesLibrary(string json, float[] upper)
    {
        var expected = BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(upper));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["n", "births", "deaths", "totalPersistence0", "totalPersistence1"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.Size, root.GetProperty("n").GetInt32());

        // Round-trip precision: every printed number parses back to exactly the library's value.
        Assert.Equal(expected.Births, root.GetProperty("births").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(expected.Deaths, root.GetProperty("deaths").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(expected.TotalPersistence0, root.GetProperty("totalPersistence0").GetDouble());
        Assert.Equal(expected.TotalPersistence1, root.GetProperty("totalPersistence1").GetDouble());
    }

    [Fact]
    public async Task Prints_the_library_decomposition_of_a_csv_matrix_as_one_json_line()
    {
        var w = CliFixture.RandomSymmetric(new Random(1), 7);
        var result = await CliFixture.Run("topology", "decompose", "--matrix", _files.WriteCsv("w.csv", w));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Single(result.Stdout.TrimEnd('\n').Split('\n'));
        AssertMatchesLibrary(result.Stdout, CliFixture.UpperTriangle(w));
    }

    [Theory]
    [InlineData("<f4")]
    [InlineData("<f8")]
    [InlineData(">f4")]
    [InlineData(">f8")]
    public async Task Reads_npy_matrices_in_float32_and_float64(string descr)
    {
        var w = CliFixture.RandomSymmetric(new Random(2), 6);
        var path = _files.PathOf("w.npy");
        TestNpy.Write(path, w, descr);
        var result = await CliFixture.Run("topology", "decompose", "--matrix", path);
        Assert.Equal(0, result.ExitCode);
        AssertMatchesLibrary(result.Stdout, CliFixture.UpperTriangle(w));
    }

    [Fact]
    public async Task Reads_npy_format_version_2_headers()
    {
        var w = CliFixture.RandomSymmetric(new Random(9), 5);
        var data = w.Cast<double>().SelectMany(BitConverter.GetBytes).ToArray();
        var path = _files.PathOf("v2.npy");
        TestNpy.WriteRaw(path, "<f8", false, "(5, 5)", data, version: 2);
        var result = await CliFixture.Run("topology", "decompose", "--matrix", path);
        Assert.Equal(0, result.ExitCode);
        AssertMatchesLibrary(result.Stdout, CliFixture.UpperTriangle(w));
    }

    [Fact]
    public async Task Reads_only_the_strict_upper_triangle_and_counts_NaN_as_zero()
    {
        var w = CliFixture.RandomSymmetric(new Random(3), 5);
        w[1, 3] = double.NaN;
        w[3, 1] = double.PositiveInfinity; // lower triangle: ignored
        w[2, 2] = double.NegativeInfinity; // diagonal: ignored
        w[4, 0] = 123;
        var result = await CliFixture.Run("topology", "decompose", "--matrix", _files.WriteCsv("w.csv", w));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(0f, CliFixture.UpperTriangle(w));
        AssertMatchesLibrary(result.Stdout, CliFixture.UpperTriangle(w));
    }

    [Fact]
    public async Task A_single_node_has_no_births_or_deaths()
    {
        var result = await CliFixture.Run("topology", "decompose", "--matrix", _files.WriteText("one.csv", "0\n"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"n\":1,\"births\":[],\"deaths\":[],\"totalPersistence0\":0,\"totalPersistence1\":0}\n", result.Stdout);
    }

    [Fact]
    public async Task Accepts_numpy_text_spellings_and_surrounding_spaces()
    {
        var result = await CliFixture.Run("topology", "decompose", "--matrix", _files.WriteText("w.csv", "0, 0.5 ,nan\r\n0.5,0,1e-1\r\nNaN,0.1,-0\r\n\r\n"));
        Assert.Equal(0, result.ExitCode);
        AssertMatchesLibrary(result.Stdout, [0.5f, 0f, 0.1f]);
    }
}
