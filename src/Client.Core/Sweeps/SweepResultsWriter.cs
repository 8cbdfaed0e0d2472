using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Client.Core.Reports;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Writes <c>results/&lt;sweep-id&gt;/</c>: <c>sweep.json</c> (the sweep file, submittable again as is),
/// <c>status.json</c>, <c>trials.csv</c>, <c>epochs.csv</c> and <c>summary.md</c>; a search also <c>best.json</c> and
/// the figures its summary embeds (<c>figures/search-*.png</c>, <see cref="SearchSection"/>). Files are written to a
/// fresh staging directory first and moved into place, so a results directory is never half-written; an existing
/// folder is replaced only when it holds nothing but what the product writes (<see cref="ResultsFolder"/>). Naming:
/// file names are lower-case kebab-case, CSV columns snake_case, JSON fields camelCase (as in sweep files).
/// </summary>
public static class SweepResultsWriter
{
    /// <summary>The best configuration of a search (written only for a sweep with a <c>search</c> block).</summary>
    public const string SearchBestFile = "best.json";

    /// <summary>Every file the writer may put in a results folder (sorted).</summary>
    public static readonly IReadOnlyList<string> Files = [SearchBestFile, "epochs.csv", "status.json", "summary.md", "sweep.json", "trials.csv"];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// Writes the results folder of <paramref name="sweep"/> under <paramref name="resultsRoot"/> and returns its path.
    /// </summary>
    /// <exception cref="InputException">
    /// The sweep id breaks the id grammar or would leave the root, or the existing folder holds files the product
    /// did not write (named in the message; nothing is changed).
    /// </exception>
    public static string Write(string resultsRoot, SweepStatus sweep, IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> epochs, bool partial)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var target = ResultsFolder.Of(resultsRoot, sweep.SweepId);
        try
        {
            ResultsFolder.RecoverInterruptedSwap(target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw EnvironmentException.Writing(target, ex);
        }

        ResultsFolder.RefuseForeignEntries(target);

        // A fresh staging folder of our own (never one that was already there), moved into place when complete.
        var staging = ResultsFolder.Sibling(target, ResultsFolder.StagingPurpose);
        try
        {
            Directory.CreateDirectory(staging);
            if (sweep.Definition is { } definition)
            {
                File.WriteAllText(Path.Combine(staging, "sweep.json"), SweepFileJson.Write(definition));
            }

            File.WriteAllText(Path.Combine(staging, "status.json"), StatusJson(sweep, partial));
            File.WriteAllText(Path.Combine(staging, "trials.csv"), TrialsCsv(sweep));
            File.WriteAllText(Path.Combine(staging, "epochs.csv"), EpochsCsv(sweep, epochs));
            if (SearchBestJson.Write(sweep, epochs) is { } best)
            {
                File.WriteAllText(Path.Combine(staging, SearchBestFile), best);
            }

            // A search's summary opens with the section the report has too, read back from the files just written.
            var search = sweep.Definition?.Search is not null && sweep.Trials.Length > 0 ? SearchSection.Markdown(staging) : null;
            File.WriteAllText(Path.Combine(staging, "summary.md"), SweepSummary.Markdown(sweep, partial, search));

            ResultsFolder.Replace(target, staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only / immutable folder: the old results stay as they were (Replace moves them
            // back), the staging folder goes below, and the user is told which path and why (exit 3, not "unexpected").
            throw EnvironmentException.Writing(Directory.Exists(Path.GetDirectoryName(target)) ? target : Path.GetDirectoryName(target)!, ex);
        }
        finally
        {
            // Only our own staging folder, created above under a fresh name: nothing else can be in it.
            try
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Cannot happen on a writable parent; on a parent made read-only meanwhile the next write removes it.
            }
        }

        return target;
    }

    /// <summary>Where the sweep stood when the results were written; <c>partialReason</c> is "running" or "cancelled".</summary>
    public static string StatusJson(SweepStatus sweep, bool partial)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return JsonSerializer.Serialize(
            new
            {
                sweep.SweepId,
                State = sweep.State.ToString(),
                Partial = partial,
                PartialReason = partial ? SweepOutcome.PartialReasonOf(sweep) ?? "cancelled" : null,
                sweep.SubmittedAt,
                sweep.FinishedAt,
                Trials = sweep.Trials.Length,
                TrialStates = Enum.GetValues<TrialState>().ToDictionary(s => s.ToString(), sweep.Count),
            },
            Json) + "\n";
    }

    /// <summary>A trial's configuration as trials.csv writes it, keyed by <see cref="ConfigurationParameters.Names"/>.</summary>
    public static IReadOnlyDictionary<string, string> ParametersOf(TrialSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dataset"] = spec.Dataset,
            ["fraction"] = N(spec.Fraction),
            ["model"] = spec.Model,
            ["lr"] = N(spec.LearningRate),
            ["momentum"] = N(spec.Momentum),
            ["batch_size"] = I(spec.BatchSize),
            ["weight_decay"] = N(spec.WeightDecay),
            ["width"] = N(spec.Width),
        };
    }

    /// <summary>
    /// One row per trial. A search adds one <c>sampled_*</c> column per parameter of its space, at the end (readers
    /// by position keep working): what the sampler drew, empty where a conditional parameter was inactive
    /// (<see cref="SampledParameters"/>).
    /// </summary>
    public static string TrialsCsv(SweepStatus sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var sampled = SampledNames(sweep);
        var csv = new StringBuilder();
        csv.AppendLine("trial_id,dataset,fraction,training_samples,holdout_samples,model,lr,momentum,batch_size,weight_decay,width,seed,optimizer,search_trial,stopping,state,stop_epoch,reason,test_accuracy,test_loss,epochs_run,seconds,restarts"
            + string.Concat(sampled.Select(name => "," + SampledParameters.Column(name))));
        foreach (var t in sweep.Trials)
        {
            var s = t.Spec;
            string[] fields = [s.Id, s.Dataset, N(s.Fraction), Samples(t, t.TrainingSamples), Samples(t, t.HoldOutSamples), s.Model, N(s.LearningRate), N(s.Momentum), I(s.BatchSize), N(s.WeightDecay), N(s.Width), I(s.Seed),
                s.Optimizer, SearchTrialCell(s), s.Stopping.Describe(), t.State.ToString(), t.StopEpoch is { } e ? I(e) : string.Empty, t.Reason, N(t.TestAccuracy), N(t.TestLoss),
                I(t.EpochsRun), N(Math.Round(t.Seconds, 3)), I(t.Restarts)];
            Row(csv, [.. fields, .. sampled.Select(name => s.SearchParameters.FirstOrDefault(p => p.Name == name)?.Value ?? string.Empty)]);
        }

        return csv.ToString();
    }

    /// <summary>The space's parameters in its order; for a status without its definition, those the trials carry.</summary>
    private static IReadOnlyList<string> SampledNames(SweepStatus sweep) =>
        sweep.Definition?.Search is { } search
            ? [.. SampledParameters.Of(search.Space).Select(p => p.Name)]
            : [.. sweep.Trials.SelectMany(t => t.Spec.SearchParameters.Select(p => p.Name)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// One row per recorded epoch. The trial's configuration is repeated at the end of each row (appended
    /// columns, so readers by name and by position both keep working) so that no join with trials.csv is needed.
    /// </summary>
    public static string EpochsCsv(SweepStatus sweep, IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> epochs)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(epochs);
        var csv = new StringBuilder();
        csv.AppendLine("trial_id,stopping,seed,fraction,epoch,train_loss,val_loss,val_accuracy,w0,w1,distance,smoothed_distance,persistence0,persistence1,train_s,probe_s,connectome_s,validation_s,topology_s,decision,test_accuracy,test_loss,test_s,diagram_distance,neural_persistence,monitoring_on_path_s,dataset,model,lr,momentum,batch_size,weight_decay,width");
        foreach (var t in sweep.Trials)
        {
            if (!epochs.TryGetValue(t.Spec.Id, out var records))
            {
                continue;
            }

            var s = t.Spec;
            foreach (var r in records)
            {
                Row(csv, s.Id, s.Stopping.Describe(), I(s.Seed), N(s.Fraction), I(r.Epoch), N(r.Losses.Training), N(r.Losses.Validation), N(r.Losses.ValidationAccuracy),
                    N(r.Signals.W0), N(r.Signals.W1), N(r.Signals.Distance), N(r.Signals.SmoothedDistance), N(r.Signals.Persistence0), N(r.Signals.Persistence1),
                    N(r.Seconds.Train), N(r.Seconds.Probe), N(r.Seconds.Connectome), N(r.Seconds.Validation), N(r.Seconds.Topology), r.Decision,
                    N(r.Losses.TestAccuracy), N(r.Losses.Test), r.Losses.TestAccuracy is null ? string.Empty : N(r.Seconds.Test),
                    N(r.Signals.DiagramDistance), N(r.Signals.NeuralPersistence), N(r.Seconds.MonitoringOnPath),
                    s.Dataset, s.Model, N(s.LearningRate), N(s.Momentum), I(s.BatchSize), N(s.WeightDecay), N(s.Width));
            }
        }

        return csv.ToString();
    }

    /// <summary>trials.csv's <c>search_trial</c>: a search trial's number, <c>refit</c> for the refit of the best one, empty for a grid trial.</summary>
    private static string SearchTrialCell(TrialSpec spec) => spec.SearchNumber is { } n ? I(n) : spec.IsRefit ? "refit" : string.Empty;

    /// <summary>A sample count as the run grain recorded it; empty until the trial has loaded its data (0 training images means not yet).</summary>
    private static string Samples(TrialStatus trial, int count) => trial.TrainingSamples > 0 ? I(count) : string.Empty;

    private static void Row(StringBuilder csv, params string[] fields) => csv.AppendLine(string.Join(',', fields.Select(Quote)));

    private static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string N(double? value) => value is { } v ? N(v) : string.Empty;

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
