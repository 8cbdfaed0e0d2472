using System.Collections.Immutable;
using Orchestrator.Client.Core.Reports;
using Orchestrator.Client.Core.Sweeps;
using Orchestrator.Contracts;
using Orchestrator.Sweeps;

namespace Orchestrator.Client.Core.Tests;

public sealed class ResultsFolderTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("orchestrator-results-folder-").FullName;

    private string Root => Path.Combine(_parent, "results");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private static SweepStatus Sweep(string sweepId)
    {
        var definition = SweepFile.Parse("""{ "name": "w", "dataset": "synthetic", "model": "mlp-small", "grid": { "seed": [0] }, "stopping": ["none"], "maxEpochs": 2 }""").Definition!;
        var trials = TrialExpansion.Expand(definition).Select(spec => new TrialStatus { Spec = spec, State = TrialState.Completed, EpochsRun = 2 }).ToImmutableArray();
        return new SweepStatus { SweepId = sweepId, State = SweepState.Finished, Definition = definition, Trials = trials };
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> NoEpochs = new Dictionary<string, IReadOnlyList<EpochRecord>>();

    [Fact]
    public void A_hostile_sweep_id_is_refused_and_the_file_outside_the_root_survives()
    {
        Directory.CreateDirectory(Root);
        var victim = Path.Combine(_parent, "victim");
        File.WriteAllText(victim, "keep me");
        foreach (var id in new[] { "../victim", "..", "/tmp/x", "a/b" })
        {
            var error = Assert.Throws<InputException>(() => SweepResultsWriter.Write(Root, Sweep(id), NoEpochs, partial: false));
            Assert.StartsWith("sweep id:", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Equal(["results", "victim"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
    }

    [Fact]
    public void A_results_folder_holding_foreign_files_is_not_replaced_and_the_refusal_names_them()
    {
        var folder = Path.Combine(Root, "w");
        Directory.CreateDirectory(Path.Combine(folder, "notes"));
        File.WriteAllText(Path.Combine(folder, "precious.txt"), "mine");
        File.WriteAllText(Path.Combine(folder, "notes", "n.txt"), "also mine");
        File.WriteAllText(Path.Combine(folder, "trials.csv"), "old");

        var error = Assert.Throws<InputException>(() => SweepResultsWriter.Write(Root, Sweep("w"), NoEpochs, partial: false));

        Assert.Contains("notes/, precious.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("--results", error.Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "precious.txt")));
        Assert.Equal("also mine", File.ReadAllText(Path.Combine(folder, "notes", "n.txt")));
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "trials.csv")));
        Assert.Equal(["w"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Results_holding_only_the_products_files_and_report_are_replaced_whole_with_nothing_left_beside_them()
    {
        var first = SweepResultsWriter.Write(Root, Sweep("w"), NoEpochs, partial: true);
        File.WriteAllText(Path.Combine(first, ReportGenerator.ReportFile), "report");
        Directory.CreateDirectory(Path.Combine(first, ReportGenerator.FiguresFolder));
        File.WriteAllBytes(Path.Combine(first, ReportGenerator.FiguresFolder, "a.png"), [1]);

        var second = SweepResultsWriter.Write(Root, Sweep("w"), NoEpochs, partial: false);

        Assert.Equal(first, second);
        Assert.Contains("\"partial\": false", File.ReadAllText(Path.Combine(second, "status.json")), StringComparison.Ordinal);
        // A grid sweep has no best.json (only a search writes one); the old report and figures are gone.
        Assert.Equal(SweepResultsWriter.Files.Where(f => f != SweepResultsWriter.SearchBestFile), Directory.EnumerateFileSystemEntries(second).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["w"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName));
    }
}
