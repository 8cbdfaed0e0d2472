using System.Text.Json;
using Orchestrator.Topology;

namespace Orchestrator.Client.Tests;

public sealed class TopologyDistanceCommandTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Prints_the_library_distance_for_p(int p)
    {
        var random = new Random(p);
        var a = CliFixture.RandomSymmetric(random, 8);
        var b = CliFixture.RandomSymmetric(random, 8);
        var bPath = _files.PathOf("b.npy");
        TestNpy.Write(bPath, b, "<f4");
        var result = await CliFixture.Run("topology", "distance", "--a", _files.WriteCsv("a.csv", a), "--b", bPath, "--p", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, result.ExitCode);

        var expected = WassersteinDistance.Between(
            BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(CliFixture.UpperTriangle(a))),
            BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(CliFixture.UpperTriangle(b))),
            p);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["n", "p", "w0", "w1", "w"], root.EnumerateObject().Select(e => e.Name));
        Assert.Equal(8, root.GetProperty("n").GetInt32());
        Assert.Equal(p, root.GetProperty("p").GetInt32());
        Assert.Equal(expected.W0, root.GetProperty("w0").GetDouble());
        Assert.Equal(expected.W1, root.GetProperty("w1").GetDouble());
        Assert.Equal(expected.W, root.GetProperty("w").GetDouble());
    }

    [Fact]
    public async Task P_defaults_to_2()
    {
        var w = CliFixture.RandomSymmetric(new Random(4), 4);
        var path = _files.WriteCsv("w.csv", w);
        var result = await CliFixture.Run("topology", "distance", "--a", path, "--b", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"n\":4,\"p\":2,\"w0\":0,\"w1\":0,\"w\":0}\n", result.Stdout);
    }
}
