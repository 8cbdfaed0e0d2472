using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;
using Orchestrator.Trials;
using Spectre.Console;

namespace Orchestrator.Silo.Worker;

/// <summary>
/// The <c>train</c> verb's run: the <see cref="TrialEngine"/> over one <see cref="TrainingSession"/> with a
/// <see cref="LocalTrialMonitor"/> (its journal next to the checkpoint), a progress line per epoch, and at the
/// end a summary table and the optional JSON report.
/// </summary>
internal sealed class TrainRunner(
    TrainingSettings settings,
    IStoppingCriterion criterion,
    CriterionSignals signals,
    int maxEpochs,
    string stopSpecification,
    string? jsonPath,
    string? checkpointPath,
    string? resumePath)
{
    // A diverged epoch's NaN/∞ loss is written as "NaN"/"Infinity" (System.Text.Json refuses bare NaN).
    /// <summary>Record the connectome's signals even when the criterion reads none.</summary>
    public bool RecordTopology { get; init; }

    /// <summary>Where monitoring runs relative to the training loop.</summary>
    public MonitoringMode Monitoring { get; init; } = MonitoringMode.Concurrent;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        TrainingSession session;
        try
        {
            if (resumePath is not null)
            {
                // An unreadable journal is bad input: refuse it before loading anything, not after the data is in memory.
                _ = RunJournal.TryRead(resumePath);
            }

            session = resumePath is null ? TrainingSession.Create(settings) : TrainingSession.Resume(resumePath, settings);
        }
        catch (Exception ex) when (TrainVerb.IsInputProblem(ex))
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return TrainVerb.BadInput;
        }

        using (session)
        {
            return await TrainAsync(session, cancellationToken);
        }
    }

    private async Task<int> TrainAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine($"[bold]data[/]   {Markup.Escape(session.DataDescription)}");
        AnsiConsole.MarkupLine(
            $"[bold]model[/]  {Markup.Escape(settings.Model)} on {session.DeviceName}, connectome n = {session.ConnectomeSize}, stop = {Markup.Escape(stopSpecification)}, max {maxEpochs} epochs, seed {settings.Seed}");
        if (session.CudaUnavailableReason is { } reason)
        {
            AnsiConsole.MarkupLine($"[yellow]device[/] auto chose the CPU: {Markup.Escape(reason)}");
        }

        var monitor = new LocalTrialMonitor(criterion, signals, resumePath, checkpointPath);
        var plan = new TrialPlan(maxEpochs, signals)
        {
            CheckpointPath = checkpointPath,
            TestAfterCancel = true,
            EndsAtRecordedStop = false,
            RecordTopology = RecordTopology,
            Monitoring = Monitoring,
        };
        var engine = new TrialEngine(plan, monitor)
        {
            Resumed = history => PrintResumed(monitor.JournalFound, session.CompletedEpochs, history.Count),
            EpochCompleted = epoch =>
            {
                PrintProgress(epoch.Record, epoch.Decision.Reason);
                return Task.CompletedTask;
            },
        };
        var outcome = await engine.RunAsync(session, cancellationToken);
        var summary = Summarise(outcome);
        if (outcome.End == TrialEnd.Diverged)
        {
            AnsiConsole.MarkupLine($"[red]epoch {outcome.StopEpoch}: {Markup.Escape(summary.StopReason)}[/]");
        }

        PrintSummary(summary);
        if (jsonPath is not null)
        {
            WriteJson(new TrainReport(SettingsMap(), session.DataDescription, session.DeviceName, session.ConnectomeSize, outcome.Records, summary));
            AnsiConsole.MarkupLine($"report written to {Markup.Escape(Path.GetFullPath(jsonPath))}");
        }

        return outcome.End switch
        {
            TrialEnd.Diverged => 1,
            TrialEnd.Cancelled => 130,
            _ => 0,
        };
    }

    private RunSummary Summarise(TrialOutcome outcome)
    {
        var records = outcome.Records;
        var (status, reason) = outcome.End switch
        {
            TrialEnd.Stopped => ("stopped early", outcome.Reason),
            TrialEnd.Diverged => ("diverged", $"diverged: training loss {records[^1].Losses.Training} at epoch {records[^1].Epoch}"),
            TrialEnd.Cancelled => ("cancelled", "cancelled by the user (partial results)"),
            _ => ("completed", outcome.Reason),
        };
        return new RunSummary(
            status,
            outcome.StopEpoch,
            reason,
            outcome.Test?.Accuracy,
            outcome.Test?.Loss,
            outcome.BestEpoch,
            records.Count,
            records.Count == 0 ? 0 : records.Average(r => r.Seconds.Train),
            records.Count == 0 ? 0 : records.Average(r => r.Seconds.Monitoring),
            records.Count == 0 ? 0 : Median(records.Select(r => r.Seconds.MonitoringOnPath)),
            outcome.SpeculativeEpochs);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private void PrintResumed(bool journalFound, int completedEpochs, int replayed)
    {
        if (!journalFound)
        {
            AnsiConsole.MarkupLine($"[yellow]no run journal next to {Markup.Escape(resumePath!)}: the criterion starts without history and epoch {completedEpochs + 1} has no distance.[/]");
            return;
        }

        AnsiConsole.MarkupLine($"resumed at epoch {completedEpochs}; replayed {replayed} epochs into the criterion");
    }

    private static string F(double? v, string format = "0.0000") => v is null ? "–" : v.Value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>One line per epoch; <paramref name="decision"/> is the criterion's reason, which it gives while continuing too.</summary>
    private static void PrintProgress(EpochRecord r, string decision)
    {
        var validation = r.Losses.Validation is null ? string.Empty : $"  val loss {F(r.Losses.Validation)}  val acc {F(r.Losses.ValidationAccuracy, "0.000")}";
        var s = r.Signals;

        // A diverged network's NaN neural persistence is the np criterion's stop reason, not a value to print.
        var np = s.NeuralPersistence is double value && double.IsFinite(value) ? value : (double?)null;
        var baselines = (s.DiagramDistance is null ? string.Empty : $"  fp {F(s.DiagramDistance)}")
                        + (np is null ? string.Empty : $"  np {F(np)}");
        var said = string.IsNullOrEmpty(decision) ? string.Empty : $"  [grey]{Markup.Escape(decision)}[/]";
        AnsiConsole.MarkupLine(
            $"epoch {r.Epoch,3}  loss {F(r.Losses.Training)}{validation}  w {F(s.Distance)} (w0 {F(s.W0)}, w1 {F(s.W1)}){baselines}  train {F(r.Seconds.Train, "0.00")} s  topo {F(r.Seconds.Monitoring, "0.000")} s (on path {F(r.Seconds.MonitoringOnPath, "0.000")} s){said}");
    }

    private static void PrintSummary(RunSummary s)
    {
        var table = new Table().Title("summary").AddColumns("", "");
        table.HideHeaders();
        table.AddRow("status", Markup.Escape(s.Status));
        table.AddRow("stop epoch", s.StopEpoch.ToString(CultureInfo.InvariantCulture));
        table.AddRow("stop reason", Markup.Escape(s.StopReason));
        // The criterion's best epoch (lowest smoothed signal); 0 means it has not seen a signal value yet.
        table.AddRow("best epoch (criterion)", s.BestEpoch > 0 ? s.BestEpoch.ToString(CultureInfo.InvariantCulture) : "–");
        table.AddRow("epochs run", s.EpochsRun.ToString(CultureInfo.InvariantCulture));
        table.AddRow("test accuracy (stop epoch)", F(s.TestAccuracy, "0.0000"));
        table.AddRow("test loss (stop epoch)", F(s.TestLoss, "0.0000"));
        table.AddRow("seconds/epoch training", F(s.SecondsPerEpochTrain, "0.000"));
        table.AddRow("seconds/epoch topology", F(s.SecondsPerEpochTopology, "0.000"));
        table.AddRow("median seconds/epoch monitoring on the training path", F(s.MedianSecondsMonitoringOnPath, "0.0000"));
        table.AddRow("epochs trained past the stop and undone", s.SpeculativeEpochs.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    private Dictionary<string, object?> SettingsMap() => new()
    {
        ["dataset"] = settings.Dataset,
        ["fraction"] = settings.Fraction,
        ["model"] = settings.Model,
        ["learningRate"] = settings.LearningRate,
        ["momentum"] = settings.Momentum,
        ["batchSize"] = settings.BatchSize,
        ["weightDecay"] = settings.WeightDecay,
        ["seed"] = settings.Seed,
        ["probeSize"] = settings.ProbeSize,
        ["validationFraction"] = settings.ValidationFraction,
        ["widthMultiplier"] = settings.WidthMultiplier,
        ["device"] = settings.Device,
        ["stop"] = stopSpecification,
        ["maxEpochs"] = maxEpochs,
        ["resumedFrom"] = resumePath,
        ["recordTopology"] = RecordTopology,
        ["monitoring"] = Monitoring == MonitoringMode.Concurrent ? "concurrent" : "synchronous",
    };

    private void WriteJson(TrainReport report)
    {
        var full = Path.GetFullPath(jsonPath!);
        var temporary = full + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(report, _json));
        File.Move(temporary, full, overwrite: true);
    }
}
