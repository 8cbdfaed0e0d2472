using System.Text;
using Orchestrator.Client.Files;

namespace Orchestrator.Client.Tests;

/// <summary>
/// Random mutations of valid activation files, CSV and .npy (issue 16): the bounded readers behind `topology connectome
/// --activations` either read a matrix or refuse the file with an <see cref="InputException"/> naming the option
/// and the file, never another exception; the command itself answers exit 0 or exit 2 and leaves no file behind
/// when it refuses.
/// </summary>
public sealed class ActivationsFileFuzzTests : IDisposable
{
    /// <summary>Mutated inputs handed to the whole command after the reader's loop (the command runs async).</summary>
    private const int CommandRuns = 150;

    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Valid activations: plain, CRLF with trailing blank lines, and NumPy's non-finite spellings and exponents.</summary>
    private static List<byte[]> ValidInputs()
    {
        var random = new Random(7);
        var plain = new StringBuilder();
        for (var s = 0; s < 8; s++)
        {
            plain.AppendJoin(',', Enumerable.Range(0, 5).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 4).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            plain.Append('\n');
        }

        var crlf = plain.ToString().Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n";
        const string spelled = "1.5e-3, -2E+1 ,nan\n-inf,0.25,+1\n3,4,Infinity\n";
        return [Encoding.UTF8.GetBytes(plain.ToString()), Encoding.UTF8.GetBytes(crlf), Encoding.UTF8.GetBytes(spelled)];
    }

    /// <summary>Valid .npy activations: float32 and float64 of both byte orders.</summary>
    private List<byte[]> ValidNpyInputs()
    {
        var random = new Random(8);
        var x = new double[8, 5];
        for (var s = 0; s < 8; s++)
        {
            for (var j = 0; j < 5; j++)
            {
                x[s, j] = Math.Round(random.NextDouble() * 4 - 2, 4);
            }
        }

        var path = _files.PathOf("valid.npy");
        var inputs = new List<byte[]>();
        foreach (var descr in new[] { "<f4", "<f8", ">f4", ">f8" })
        {
            TestNpy.Write(path, x, descr);
            inputs.Add(File.ReadAllBytes(path));
        }

        File.Delete(path);
        return inputs;
    }

    [Fact]
    public Task Mutated_activation_csvs_are_read_or_refused_with_an_input_error_and_the_command_exits_0_or_2() =>
        FuzzActivationsAsync(seed: 23, "x.csv", ValidInputs());

    [Fact]
    public Task Mutated_activation_npy_files_are_read_or_refused_with_an_input_error_and_the_command_exits_0_or_2() =>
        FuzzActivationsAsync(seed: 24, "x.npy", ValidNpyInputs());

    private async Task FuzzActivationsAsync(int seed, string name, List<byte[]> valid)
    {
        var path = _files.PathOf(name);
        var read = 0;
        var refused = 0;
        var kept = new List<byte[]>();
        var iterations = Fuzz.Run(seed, valid, (mutated, _) =>
        {
            File.WriteAllBytes(path, mutated);
            if (kept.Count < CommandRuns)
            {
                kept.Add(mutated);
            }

            try
            {
                var matrix = MatrixFile.Read(path, "--activations");
                Assert.Equal((long)matrix.Rows * matrix.Columns, matrix.Values.Length);
                read++;
            }
            catch (InputException ex)
            {
                refused++;
                Assert.StartsWith($"--activations '{path}'", ex.Message, StringComparison.Ordinal);
            }
        });

        Assert.True(iterations > 100, $"only {iterations} mutations in {Fuzz.Budget}");
        Assert.True(read > 0 && refused > 0, $"{read} read, {refused} refused: the mutations should do both");

        // The whole command on the first mutated files: exit 0 with W written, or exit 2 with a clear message and no
        // output (a bug would be exit 1, "error: unexpected …").
        var output = _files.PathOf("w.csv");
        for (var i = 0; i < kept.Count; i++)
        {
            File.WriteAllBytes(path, kept[i]);
            File.Delete(output);
            var result = await CliFixture.Run("topology", "connectome", "--activations", path, "--out", output);
            var shown = Encoding.UTF8.GetString(kept[i], 0, Math.Min(kept[i].Length, 300));
            Assert.True(result.ExitCode is 0 or 2, $"seed {seed}, command run {i}: exit {result.ExitCode}: {result.Stderr}\ninput: {shown}");
            if (result.ExitCode == 2)
            {
                Assert.StartsWith("error: --activations", result.Stderr, StringComparison.Ordinal);
            }

            // Nothing else in the folder: no temporary file left by a refused or a successful write.
            string[] expected = result.ExitCode == 0 ? ["w.csv", name] : [name];
            Assert.Equal(expected.Order(StringComparer.Ordinal), _files.Files());
        }

        TestContext.Current.SendDiagnosticMessage($"{iterations} mutated activation {Path.GetExtension(name)} files: {read} read, {refused} refused; {kept.Count} run through the command");
    }
}
