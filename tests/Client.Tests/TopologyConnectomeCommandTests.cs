using System.Text;
using Orchestrator.Client.Files;
using Orchestrator.Topology;

namespace Orchestrator.Client.Tests;

public sealed class TopologyConnectomeCommandTests : IDisposable
{
    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private static double[,] RandomActivations(Random random, int samples, int neurons)
    {
        var x = new double[samples, neurons];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < neurons; j++)
            {
                x[s, j] = Math.Round(random.NextDouble() * 4 - 2, 4);
            }

            x[s, 3] = 1.5; // a constant neuron
            x[s, 4] = x[s, 0]; // a duplicated neuron
        }

        return x;
    }

    private static float[] Flatten(double[,] x) => [.. x.Cast<double>().Select(v => (float)v)];

    [Theory]
    [InlineData("x.csv", "w.csv")]
    [InlineData("x.csv", "w.npy")]
    [InlineData("x.npy", "w.csv")]
    [InlineData("x.npy", "w.npy")]
    public async Task Writes_the_library_connectome_in_the_format_of_the_out_extension(string input, string output)
    {
        var x = RandomActivations(new Random(5), 40, 9);
        var inputPath = _files.PathOf(input);
        if (input.EndsWith(".npy", StringComparison.Ordinal))
        {
            TestNpy.Write(inputPath, x, "<f4");
        }
        else
        {
            _files.WriteCsv(input, x);
        }

        var outputPath = _files.PathOf(output);
        var result = await CliFixture.Run("topology", "connectome", "--activations", inputPath, "--out", outputPath);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);

        var expected = FunctionalConnectome.Compute(Flatten(x), 40, 9);
        var written = MatrixFile.Read(outputPath, "--out");
        Assert.Equal((9, 9), (written.Rows, written.Columns));
        Assert.Equal(expected.Values.ToArray(), written.Values);
        Assert.Equal(0f, written[3, 5]);
        Assert.Equal(1f, written[0, 4]);
        Assert.Equal(new[] { input, output }.Order(StringComparer.Ordinal), _files.Files());
    }

    [Fact]
    public async Task Npy_output_is_a_version_1_little_endian_float32_c_order_file()
    {
        var x = RandomActivations(new Random(6), 10, 5);
        var outputPath = _files.PathOf("w.npy");
        var result = await CliFixture.Run("topology", "connectome", "--activations", _files.WriteCsv("x.csv", x), "--out", outputPath);
        Assert.Equal(0, result.ExitCode);

        var bytes = File.ReadAllBytes(outputPath);
        Assert.Equal([0x93, .. "NUMPY"u8, 1, 0], bytes[..8]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'fortran_order': False", header);
        Assert.Contains("'shape': (5, 5)", header);
        Assert.EndsWith("\n", header);
        var data = bytes[(10 + headerLength)..];
        Assert.Equal(25 * 4, data.Length);
        var expected = FunctionalConnectome.Compute(Flatten(x), 10, 5).Values.ToArray();
        Assert.Equal(expected, Enumerable.Range(0, 25).Select(k => BitConverter.ToSingle(data, k * 4)));
    }

    [Fact]
    public async Task Replaces_an_existing_output_file()
    {
        var x = RandomActivations(new Random(7), 10, 5);
        var outputPath = _files.WriteText("w.csv", "old");
        var result = await CliFixture.Run("topology", "connectome", "--activations", _files.WriteCsv("x.csv", x), "--out", outputPath);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, File.ReadAllLines(outputPath).Length);
        Assert.Equal(["w.csv", "x.csv"], _files.Files());
    }
}
