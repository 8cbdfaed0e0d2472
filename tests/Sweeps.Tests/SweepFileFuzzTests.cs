using System.Text;

namespace Orchestrator.Sweeps.Tests;

/// <summary>
/// Random mutations of valid sweep files (the committed experiments and a synthetic one): the reader never throws,
/// every refusal is a list of errors naming a path, and whatever it accepts passes the grains' own check.
/// </summary>
public sealed class SweepFileFuzzTests
{
    [Fact]
    public void Mutated_sweep_files_are_read_or_refused_with_errors_never_an_exception()
    {
        var experiments = RepositoryRoot.Path("experiments");
        List<byte[]> valid =
        [
            .. Directory.GetFiles(experiments, "*.json").Select(File.ReadAllBytes),
            Encoding.UTF8.GetBytes("""{ "name": "fuzz", "dataset": "synthetic", "model": "mlp-small", "fractions": [0.5, 1], "grid": { "lr": [0.01, 0.1], "seed": [0, 1], "optimizer": ["sgd", "adam"], "betas": [[0.9, 0.999]] }, "stopping": ["none", {"method": "top", "parameters": {"patience": 3}}], "maxEpochs": 5, "probeSize": 32 }"""),
        ];
        var accepted = 0;
        var refused = 0;

        var iterations = Fuzz.Run(seed: 16, valid, (input, _) =>
        {
            var result = SweepFile.Parse(Encoding.UTF8.GetString(input), "fuzz", baseDirectory: experiments);
            if (result.Definition is { } definition)
            {
                accepted++;
                Assert.Empty(SweepDefinitionCheck.Problems(definition));
            }
            else
            {
                refused++;
                Assert.NotEmpty(result.Errors);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Path) || string.IsNullOrWhiteSpace(e.Message)));
                Assert.All(result.Errors, e => Assert.True(e.Message.Length < 2000, $"an error message of {e.Message.Length} characters echoes its input"));
            }
        });

        Assert.True(iterations > 50, $"only {iterations} mutations in {Fuzz.Budget}");
        Assert.True(refused > 0, "no mutation was refused: the mutations are not reaching the reader");
        TestContext.Current.SendDiagnosticMessage($"{iterations} mutated sweep files: {accepted} accepted, {refused} refused");
    }
}
