using System.Globalization;
using Orchestrator.Data;

namespace Orchestrator.Client.Tests;

/// <summary>`data list` is answered by the real CLI process from the Torch-free dataset catalog, and fits any terminal.</summary>
public sealed class DataListCommandTests
{
    private static Task<CliResult> RunProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = CliFixture.CliProcess(args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return CliFixture.RunToEnd(start);
    }

    [Fact]
    public async Task Every_catalog_dataset_is_listed_without_the_worker()
    {
        var result = await RunProcess(new Dictionary<string, string> { ["ORCHESTRATOR_SILO_PATH"] = "/no/such/orchestrator-silo.dll" }, "data", "list", "--json");

        Assert.Equal(0, result.ExitCode);
        foreach (var name in DatasetCatalog.Default.Names)
        {
            Assert.Contains($"\"dataset\": \"{name}\"", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(40)]
    public async Task At_a_narrow_width_no_line_is_too_long_and_no_path_is_broken(int columns)
    {
        var result = await RunProcess(new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(CultureInfo.InvariantCulture) }, "data", "list");

        Assert.Equal(0, result.ExitCode);
        var table = result.Stdout.Split('\n').TakeWhile(l => !l.StartsWith("data directory:", StringComparison.Ordinal)).ToList();
        foreach (var location in DatasetCatalog.Default.Survey().Select(d => d.Location))
        {
            Assert.Contains(table, l => l.Contains(location, StringComparison.Ordinal));
        }

        // Wider than the terminal only where one unbreakable word (a long path) stands after its label.
        foreach (var line in table.Where(l => l.Length > columns))
        {
            var value = line.Trim();
            var afterLabel = value.EndsWith(':') || !value.Contains(' ', StringComparison.Ordinal) ? value : value[(value.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
            Assert.DoesNotContain(' ', afterLabel);
        }
    }
}
