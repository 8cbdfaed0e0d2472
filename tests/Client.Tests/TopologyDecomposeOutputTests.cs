using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Orchestrator.Topology;

namespace Orchestrator.Client.Tests;

/// <summary>`topology decompose` output at sizes where it is formatted in parallel, through the raw stdout stream, and to .npy/.npz.</summary>
public sealed class TopologyDecomposeOutputTests : IDisposable
{
    // 400 neurons: 79,401 deaths, enough for the parallel formatting path.
    private const int Neurons = 400;
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private (string Path, BirthDeathDecomposition Expected) Matrix()
    {
        var w = CliFixture.RandomSymmetric(new Random(17), Neurons);
        var path = _files.PathOf("w.npy");
        TestNpy.Write(path, w, "<f4");
        return (path, BirthDeathDecomposition.Of(ConnectomeMatrix.FromUpperTriangle(CliFixture.UpperTriangle(w))));
    }

    private static void AssertSameNumbers(BirthDeathDecomposition expected, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(expected.Births, root.GetProperty("births").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(expected.Deaths, root.GetProperty("deaths").EnumerateArray().Select(e => e.GetSingle()));
        Assert.Equal(expected.TotalPersistence1, root.GetProperty("totalPersistence1").GetDouble());
    }

    private static float[] ReadNpy(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        var data = bytes.AsSpan(10 + headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        var values = new float[data.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        }

        Assert.Contains($"'shape': ({values.Length},)", header, StringComparison.Ordinal);
        return values;
    }

    [Fact]
    public async Task A_large_decomposition_prints_every_number_in_order_so_it_parses_back_exactly()
    {
        var (path, expected) = Matrix();
        var result = await CliFixture.Run("topology", "decompose", "--matrix", path);

        Assert.Equal(0, result.ExitCode);
        Assert.True(expected.Deaths.Length > 65_536);
        AssertSameNumbers(expected, result.Stdout);
    }

    [Fact]
    public async Task The_real_process_writes_the_same_json_through_its_raw_standard_output()
    {
        var (path, expected) = Matrix();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "topology", "decompose", "--matrix", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, string.Empty), (process.ExitCode, await stderr));
        Assert.Single((await stdout).TrimEnd('\n').Split('\n'));
        AssertSameNumbers(expected, await stdout);
    }

    [Fact]
    public async Task Out_npz_holds_births_and_deaths_by_name_and_prints_only_the_counts_and_totals()
    {
        var (path, expected) = Matrix();
        var npz = _files.PathOf("d.npz");
        var result = await CliFixture.Run("topology", "decompose", "--matrix", path, "--out", npz);

        Assert.Equal(0, result.ExitCode);
        using (var document = JsonDocument.Parse(result.Stdout))
        {
            var root = document.RootElement;
            Assert.Equal(["n", "birthCount", "deathCount", "totalPersistence0", "totalPersistence1"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal((Neurons, expected.Births.Length, expected.Deaths.Length), (root.GetProperty("n").GetInt32(), root.GetProperty("birthCount").GetInt32(), root.GetProperty("deathCount").GetInt32()));
        }

        using var zip = ZipFile.OpenRead(npz);
        Assert.Equal(["births.npy", "deaths.npy"], zip.Entries.Select(e => e.FullName));
        using (var births = zip.GetEntry("births.npy")!.Open())
        {
            Assert.Equal(expected.Births, ReadNpy(births));
        }

        using var deaths = zip.GetEntry("deaths.npy")!.Open();
        Assert.Equal(expected.Deaths, ReadNpy(deaths));
    }

    [Fact]
    public async Task Out_npy_holds_the_births_then_the_deaths_in_one_array()
    {
        var (path, expected) = Matrix();
        var npy = _files.PathOf("d.npy");
        var result = await CliFixture.Run("topology", "decompose", "--matrix", path, "--out", npy);

        Assert.Equal(0, result.ExitCode);
        using var file = File.OpenRead(npy);
        Assert.Equal(expected.Births.Concat(expected.Deaths), ReadNpy(file));
    }

    [Fact]
    public async Task Out_with_another_extension_is_bad_input_and_writes_nothing()
    {
        var (path, _) = Matrix();
        var target = _files.PathOf("d.json");
        var result = await CliFixture.Run("topology", "decompose", "--matrix", path, "--out", target);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".npz", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.False(File.Exists(target));
    }
}
