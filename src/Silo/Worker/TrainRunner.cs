using System.Globalization;
using System.Text.Json;
using Orchestrator.Topology;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;
using Spectre.Console;

namespace Orchestrator.Silo.Worker;

/// <summary>
/// Drives one <see cref="TrainingSession"/>: after every epoch an <see cref="EpochSignalTracker"/> computes the
/// signals the criterion reads (plus the cheap graph distance, always recorded), the criterion decides, a
/// progress line is printed; at the end a summary table and the optional JSON report.
/// </summary>
internal sealed class TrainRunner(
    TrainingSettings settings, IStoppingCriterion criterion, int maxEpochs, string stopSpecification, string? jsonPath, string? checkpointPath, string? resumePath)
{
    // A diverged epoch's NaN/∞ loss is written as "NaN"/"Infinity" (System.Text.Json refuses bare NaN).
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public int Run(CancellationToken cancellationToken)
    {
        TrainingSession session;
        try
        {
            session = resumePath is null ? TrainingSession.Create(settings) : TrainingSession.Resume(resumePath, settings);
        }
        catch (Exception ex) when (TrainVerb.IsInputProblem(ex))
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return TrainVerb.BadInput;
        }

        using (session)
        {
            return Train(session, cancellationToken);
        }
    }

    private int Train(TrainingSession session, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine($"[bold]data[/]   {Markup.Escape(session.DataDescription)}");
        AnsiConsole.MarkupLine(
            $"[bold]model[/]  {Markup.Escape(settings.Model)} on {session.DeviceName}, connectome n = {session.ConnectomeSize}, stop = {Markup.Escape(stopSpecification)}, max {maxEpochs} epochs, seed {settings.Seed}");
        if (session.CudaUnavailableReason is { } reason)
        {
            AnsiConsole.MarkupLine($"[yellow]device[/] auto chose the CPU: {Markup.Escape(reason)}");
        }

        var signals = EpochSignalTracker.For(StoppingCriterionCatalog.Default.Find(criterion.Name), CriterionSignals.GraphDistance);
        var records = new List<EpochRecord>();
        if (resumePath is not null)
        {
            Replay(RunJournal.TryRead(resumePath), session, signals, records);
        }

        var status = "completed";
        var stopReason = string.Empty;
        var bestEpoch = 0;
        var stopEpoch = 0;
        var exitCode = 0;
        try
        {
            while (session.CompletedEpochs < maxEpochs)
            {
                var snapshot = session.RunEpoch(cancellationToken);
                if (!double.IsFinite(snapshot.TrainingLoss))
                {
                    status = "diverged";
                    stopReason = $"diverged: training loss {snapshot.TrainingLoss} at epoch {snapshot.Epoch}";
                    stopEpoch = snapshot.Epoch;
                    records.Add(Record(snapshot, null, "diverged"));
                    AnsiConsole.MarkupLine($"[red]epoch {snapshot.Epoch}: {Markup.Escape(stopReason)}[/]");
                    exitCode = 1;
                    break;
                }

                var values = signals.Observe(
                    snapshot.Epoch, snapshot.TrainingLoss, snapshot.ValidationLoss, snapshot.ConnectomeSize, snapshot.ConnectomeUpperTriangle, () => LayerWeights(session));
                var decision = criterion.Observe(values.Observation);
                records.Add(Record(snapshot, values, decision.Reason));
                bestEpoch = decision.BestEpoch;
                PrintProgress(records[^1]);
                if (checkpointPath is not null)
                {
                    session.SaveCheckpoint(checkpointPath);
                    RunJournal.Create(records, snapshot.ConnectomeSize, snapshot.ConnectomeUpperTriangle).Write(checkpointPath);
                }

                if (decision.ShouldStop)
                {
                    stopEpoch = snapshot.Epoch;
                    stopReason = decision.Reason;
                    status = snapshot.Epoch < maxEpochs ? "stopped early" : "completed";
                    break;
                }
            }

            if (stopEpoch == 0)
            {
                stopEpoch = session.CompletedEpochs;
                stopReason = $"reached max epochs ({maxEpochs})";
            }
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
            stopEpoch = records.Count > 0 ? records[^1].Epoch : 0;
            stopReason = "cancelled by the user (partial results)";
            exitCode = 130;
        }

        var test = status is "diverged" || stopEpoch == 0 ? null : session.EvaluateTest();
        var summary = new RunSummary(
            status,
            stopEpoch,
            stopReason,
            test?.Accuracy,
            test?.Loss,
            bestEpoch,
            records.Count,
            records.Count == 0 ? 0 : records.Average(r => r.SecondsTrain),
            records.Count == 0 ? 0 : records.Average(Monitoring));
        PrintSummary(summary);
        if (jsonPath is not null)
        {
            WriteJson(new TrainReport(SettingsMap(), session.DataDescription, session.DeviceName, session.ConnectomeSize, records, summary));
            AnsiConsole.MarkupLine($"report written to {Markup.Escape(Path.GetFullPath(jsonPath))}");
        }

        return exitCode;
    }

    /// <summary>Feeds the journal's epochs to the fresh criterion and gives the signal tracker the last connectome.</summary>
    private void Replay(RunJournal? journal, TrainingSession session, EpochSignalTracker signals, List<EpochRecord> records)
    {
        if (journal is null)
        {
            AnsiConsole.MarkupLine($"[yellow]no run journal next to {Markup.Escape(resumePath!)}: the criterion starts without history and epoch {session.CompletedEpochs + 1} has no distance.[/]");
            return;
        }

        var kept = journal.Records.Where(r => r.Epoch <= session.CompletedEpochs).ToList();
        foreach (var r in kept)
        {
            criterion.Observe(new EpochObservation(r.Epoch, r.TrainingLoss)
            {
                ValidationLoss = r.ValidationLoss,
                GraphDistance = r.W is null ? null : new TopologicalDistance(2, r.W0 ?? 0, r.W1 ?? 0, r.W.Value),
                DiagramDistance = r.DiagramDistance,
                NeuralPersistence = r.NeuralPersistence,
            });
        }

        records.AddRange(kept);
        if (kept.Count > 0 && kept[^1].Epoch == session.CompletedEpochs && journal.ConnectomeSize > 0)
        {
            signals.Restore(session.CompletedEpochs, journal.ConnectomeSize, journal.LastConnectomeValues());
        }

        AnsiConsole.MarkupLine($"resumed at epoch {session.CompletedEpochs}; replayed {kept.Count} epochs into the criterion");
    }

    private static EpochRecord Record(EpochSnapshot s, EpochSignalValues? v, string decision) => new(
        s.Epoch,
        s.TrainingLoss,
        s.ValidationLoss,
        s.ValidationAccuracy,
        v?.W0,
        v?.W1,
        v?.W,
        s.Timings.Train.TotalSeconds,
        s.Timings.Probe.TotalSeconds,
        s.Timings.Connectome.TotalSeconds,
        v?.GraphTime.TotalSeconds ?? 0,
        s.Timings.Validation.TotalSeconds,
        decision,
        v?.DiagramDistance,
        v?.NeuralPersistenceMean is double np && double.IsFinite(np) ? np : null,
        v?.DiagramTime.TotalSeconds ?? 0,
        v?.NeuralPersistenceTime.TotalSeconds ?? 0);

    /// <summary>The model's fully connected layers for neural persistence, read only when the criterion needs them.</summary>
    private static IReadOnlyList<NeuralPersistenceLayer> LayerWeights(TrainingSession session) =>
        [.. session.NeuralPersistenceWeights().Select(w => new NeuralPersistenceLayer(w.Columns, w.Rows, w.Values))];

    /// <summary>Seconds spent on monitoring: probe, connectome and every signal computed.</summary>
    private static double Monitoring(EpochRecord r) =>
        r.SecondsProbe + r.SecondsConnectome + r.SecondsDecomposition + r.SecondsDiagram + r.SecondsNeuralPersistence;

    private static string F(double? v, string format = "0.0000") => v is null ? "–" : v.Value.ToString(format, CultureInfo.InvariantCulture);

    private static void PrintProgress(EpochRecord r)
    {
        var validation = r.ValidationLoss is null ? string.Empty : $"  val loss {F(r.ValidationLoss)}  val acc {F(r.ValidationAccuracy, "0.000")}";
        var topology = Monitoring(r);
        var baselines = (r.DiagramDistance is null ? string.Empty : $"  fp {F(r.DiagramDistance)}")
                        + (r.NeuralPersistence is null ? string.Empty : $"  np {F(r.NeuralPersistence)}");
        var decision = string.IsNullOrEmpty(r.Decision) ? string.Empty : $"  [grey]{Markup.Escape(r.Decision)}[/]";
        AnsiConsole.MarkupLine(
            $"epoch {r.Epoch,3}  loss {F(r.TrainingLoss)}{validation}  w {F(r.W)} (w0 {F(r.W0)}, w1 {F(r.W1)}){baselines}  train {F(r.SecondsTrain, "0.00")} s  topo {F(topology, "0.000")} s{decision}");
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
    };

    private void WriteJson(TrainReport report)
    {
        var full = Path.GetFullPath(jsonPath!);
        var temporary = full + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(report, _json));
        File.Move(temporary, full, overwrite: true);
    }
}
