namespace Orchestrator.Sweeps.Tests;

/// <summary>The sweep files in experiments/ validate (running them is pinned in Grains.Tests).</summary>
public sealed class ExperimentFileValidationTests
{
    public static TheoryData<string> Files() => [.. Directory.GetFiles(ExperimentsDirectory(), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_experiment_file_validates(string file)
    {
        var result = SweepFile.Load(Path.Combine(ExperimentsDirectory(), file));
        Assert.Empty(result.Errors);
        if (file.StartsWith("paper-", StringComparison.Ordinal))
        {
            var json = File.ReadAllText(Path.Combine(ExperimentsDirectory(), file));
            Assert.Contains("\"recordTestAccuracy\": true", json, StringComparison.Ordinal);
            Assert.Contains("\"seed\": [\n      0,\n      1,\n      2,\n      3,\n      4\n    ]", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_quickstart_experiment_is_valid()
    {
        var result = SweepFile.Load(Path.Combine(ExperimentsDirectory(), "quickstart.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    private static string ExperimentsDirectory() => RepositoryRoot.Path("experiments");
}
