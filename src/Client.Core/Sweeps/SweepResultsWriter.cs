using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Contracts;

namespace Orchestrator.Client.Core.Sweeps;

/// <summary>
/// Writes <c>results/&lt;sweep-id&gt;/</c>: <c>sweep.json</c>, <c>trials.csv</c>, <c>epochs.csv</c> and
/// <c>summary.md</c>. Files are written to a temporary directory first and moved into place, so a
/// results directory is never half-written.
/// </summary>
public static class SweepResultsWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(string resultsRoot, SweepStatus sweep, IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> epochs, bool partial)
    {
        var target = Path.Combine(resultsRoot, sweep.SweepId);
        var staging = target + ".writing";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "sweep.json"), SweepJson(sweep, partial));
        File.WriteAllText(Path.Combine(staging, "trials.csv"), TrialsCsv(sweep));
        File.WriteAllText(Path.Combine(staging, "epochs.csv"), EpochsCsv(sweep, epochs));
        File.WriteAllText(Path.Combine(staging, "summary.md"), SummaryMarkdown(sweep, partial));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
        return target;
    }

    public static string SweepJson(SweepStatus sweep, bool partial) => JsonSerializer.Serialize(
        new
        {
            sweep.SweepId,
            State = sweep.State.ToString(),
            Partial = partial,
            sweep.SubmittedAt,
            sweep.FinishedAt,
            Trials = sweep.Trials.Length,
            sweep.Definition,
        },
        Json);

    public static string TrialsCsv(SweepStatus sweep)
    {
        var csv = new StringBuilder();
        csv.AppendLine("trial_id,dataset,fraction,training_samples,holdout_samples,model,lr,momentum,batch_size,weight_decay,width,seed,stopping,state,stop_epoch,reason,test_accuracy,test_loss,epochs_run,seconds,restarts");
        foreach (var t in sweep.Trials)
        {
            var s = t.Spec;
            Row(csv, s.Id, s.Dataset, N(s.Fraction), Samples(t, t.TrainingSamples), Samples(t, t.HoldOutSamples), s.Model, N(s.LearningRate), N(s.Momentum), I(s.BatchSize), N(s.WeightDecay), N(s.Width), I(s.Seed),
                s.Stopping.Describe(), t.State.ToString(), t.StopEpoch is { } e ? I(e) : string.Empty, t.Reason, N(t.TestAccuracy), N(t.TestLoss),
                I(t.EpochsRun), N(Math.Round(t.Seconds, 3)), I(t.Restarts));
        }

        return csv.ToString();
    }

    public static string EpochsCsv(SweepStatus sweep, IReadOnlyDictionary<string, IReadOnlyList<EpochRecord>> epochs)
    {
        var csv = new StringBuilder();
        csv.AppendLine("trial_id,stopping,seed,fraction,epoch,train_loss,val_loss,val_accuracy,w0,w1,distance,smoothed_distance,persistence0,persistence1,train_s,probe_s,connectome_s,validation_s,topology_s,decision,test_accuracy,test_loss,test_s,diagram_distance,neural_persistence,monitoring_on_path_s");
        foreach (var t in sweep.Trials)
        {
            if (!epochs.TryGetValue(t.Spec.Id, out var records))
            {
                continue;
            }

            foreach (var r in records)
            {
                Row(csv, t.Spec.Id, t.Spec.Stopping.Describe(), I(t.Spec.Seed), N(t.Spec.Fraction), I(r.Epoch), N(r.Losses.Training), N(r.Losses.Validation), N(r.Losses.ValidationAccuracy),
                    N(r.Signals.W0), N(r.Signals.W1), N(r.Signals.Distance), N(r.Signals.SmoothedDistance), N(r.Signals.Persistence0), N(r.Signals.Persistence1),
                    N(r.Seconds.Train), N(r.Seconds.Probe), N(r.Seconds.Connectome), N(r.Seconds.Validation), N(r.Seconds.Topology), r.Decision,
                    N(r.Losses.TestAccuracy), N(r.Losses.Test), r.Losses.TestAccuracy is null ? string.Empty : N(r.Seconds.Test),
                    N(r.Signals.DiagramDistance), N(r.Signals.NeuralPersistence), N(r.Seconds.MonitoringOnPath));
            }
        }

        return csv.ToString();
    }

    public static string SummaryMarkdown(SweepStatus sweep, bool partial)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Sweep `{sweep.SweepId}`");
        md.AppendLine();
        if (partial)
        {
            md.AppendLine("**Partial results:** the sweep was cancelled before every trial finished.");
            md.AppendLine();
        }

        var d = sweep.Definition;
        if (d is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Dataset `{d.Dataset}`, model `{d.Model}`, fractions {string.Join(", ", d.Fractions.Select(N))}, max {d.MaxEpochs} epochs, {sweep.Trials.Length} trials.");
            md.AppendLine();
        }

        md.AppendLine("| state | trials |");
        md.AppendLine("|---|---|");
        foreach (var group in sweep.Trials.GroupBy(t => t.State).OrderBy(g => g.Key))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |");
        }

        md.AppendLine();
        md.AppendLine("| stopping | fraction | trials | mean stop epoch | mean test accuracy | mean seconds |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var group in sweep.Trials.GroupBy(t => (Method: t.Spec.Stopping.Describe(), t.Spec.Fraction)).OrderBy(g => g.Key.Method, StringComparer.Ordinal).ThenBy(g => g.Key.Fraction))
        {
            var ended = group.Where(t => t.StopEpoch is not null).ToList();
            var accuracies = group.Where(t => t.TestAccuracy is not null).Select(t => t.TestAccuracy!.Value).ToList();
            md.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Method} | {N(group.Key.Fraction)} | {group.Count()} | {(ended.Count > 0 ? N(Math.Round(ended.Average(t => t.StopEpoch!.Value), 2)) : "–")} | {(accuracies.Count > 0 ? N(Math.Round(accuracies.Average(), 4)) : "–")} | {N(Math.Round(group.Average(t => t.Seconds), 1))} |");
        }

        return md.ToString();
    }

    /// <summary>A sample count as the run grain recorded it; empty until the trial has loaded its data (0 training images means not yet).</summary>
    private static string Samples(TrialStatus trial, int count) => trial.TrainingSamples > 0 ? I(count) : string.Empty;

    private static void Row(StringBuilder csv, params string[] fields) => csv.AppendLine(string.Join(',', fields.Select(Quote)));

    private static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string N(double? value) => value is { } v ? N(v) : string.Empty;

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
