using Orchestrator.Contracts;
using Orchestrator.Dashboard.Sources;

namespace Orchestrator.Dashboard.Tests;

public sealed class ResultsFolderSourceTests
{
    [Fact]
    public async Task A_results_folder_reads_back_the_trials_and_epochs_the_writer_wrote_through_the_reports_reader()
    {
        using var sweep = GeneratedSweep.Write("read-back", trials: 3, epochs: 5);
        var source = ResultsFolderSource.Load(sweep.Folder);
        var cancel = TestContext.Current.CancellationToken;

        var status = await source.SweepAsync("read-back", cancel);

        Assert.NotNull(status);
        Assert.Equal(sweep.Status.Trials.Select(t => (t.Spec.Id, t.Spec.Stopping.Describe(), t.State, t.StopEpoch, t.TestAccuracy)), status.Trials.Select(t => (t.Spec.Id, t.Spec.Stopping.Describe(), t.State, t.StopEpoch, t.TestAccuracy)));
        var trial = status.Trials[1];
        var epochs = await source.EpochsAsync(trial.Spec, cancel);
        Assert.Equal(
            sweep.Epochs[trial.Spec.Id].Select(e => (e.Epoch, e.Signals.W0, e.Signals.W1, e.Signals.Distance, e.Signals.SmoothedDistance, e.Signals.Persistence0, e.Signals.Persistence1, e.Losses.Training, e.Losses.Validation)),
            epochs.Select(e => (e.Epoch, e.Signals.W0, e.Signals.W1, e.Signals.Distance, e.Signals.SmoothedDistance, e.Signals.Persistence0, e.Signals.Persistence1, e.Losses.Training, e.Losses.Validation)));
        // The configuration comes back from trials.csv's columns (through the report's reader).
        Assert.Equal(sweep.Status.Trials.Select(t => (t.Spec.LearningRate, t.Spec.Momentum, t.Spec.BatchSize, t.Spec.Seed, t.Spec.MaxEpochs)), status.Trials.Select(t => (t.Spec.LearningRate, t.Spec.Momentum, t.Spec.BatchSize, t.Spec.Seed, t.Spec.MaxEpochs)));
        Assert.Equal(epochs[^1].Signals.Distance, trial.LastDistance);
        Assert.Equal(GeneratedSweep.Neurons * (GeneratedSweep.Neurons - 1) / 2, (await source.ConnectomeAsync(trial.Spec, 5, cancel))!.Length);
        Assert.Null(await source.SweepAsync("another", cancel));
    }

    [Fact]
    public void A_folder_that_is_not_a_results_folder_is_refused_naming_the_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("orchestrator-dashboard-empty");
        try
        {
            var missing = Assert.Throws<InputException>(() => ResultsFolderSource.Load(Path.Combine(empty.FullName, "nope")));
            Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
            var noFiles = Assert.Throws<InputException>(() => ResultsFolderSource.Load(empty.FullName));
            Assert.Contains("sweep.json", noFiles.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_stopping_method_reads_back_from_its_text_form()
    {
        var method = new StoppingMethod { Name = "top", Parameters = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("patience", "3").Add("window", "2") };

        Assert.Equal(method.Describe(), StoppingMethodText.Parse(method.Describe()).Describe());
        Assert.Equal("vl", StoppingMethodText.Parse("vl").Name);
    }
}
