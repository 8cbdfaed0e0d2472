using System.CommandLine;
using Orchestrator.Data;
using Orchestrator.Topology.Stopping;
using Orchestrator.Training;
using Orchestrator.Training.Models;
using Orchestrator.Trials;
using Spectre.Console;

namespace Orchestrator.Silo.Worker;

/// <summary>The worker's <c>train</c> verb: one training run with a stopping criterion, live progress and a report.</summary>
internal static class TrainVerb
{
    public const int BadInput = 2;

    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command("train", "Runs one training with a stopping criterion (`orchestrator train` passes its arguments here unchanged).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            TrainRunner runner;
            try
            {
                runner = Build(parse, options);
            }
            catch (ArgumentException ex)
            {
                // Errors go to stderr like the parser's own, so stdout carries only the run's output.
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return BadInput;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            // SIGTERM is Ctrl-C: stop after the current epoch, checkpoint, print the partial report.
            using var terminate = OperatingSystem.IsWindows() ? null : System.Runtime.InteropServices.PosixSignalRegistration.Create(
                System.Runtime.InteropServices.PosixSignal.SIGTERM,
                c =>
                {
                    c.Cancel = true;
                    cancel.Cancel();
                });
            try
            {
                return await Task.Run(() => runner.RunAsync(cancel.Token), CancellationToken.None);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    private static TrainRunner Build(ParseResult parse, TrainOptions o)
    {
        var dataset = TrainFiles.DatasetText(parse.GetValue(o.Dataset)!);
        var stop = parse.GetValue(o.Stop)!;
        // TrainArgumentRules already refused bad flag values while parsing; what is left are defaults.
        var epochs = parse.GetValue(o.Epochs);
        var criterion = StoppingCriterionCatalog.Default.Parse(WithMaxEpochs(stop, epochs));
        var descriptor = StoppingCriterionCatalog.Default.Find(criterion.Name);
        var signals = descriptor.Signals;
        var validation = parse.GetValue(o.ValidationFraction) ?? (descriptor.NeedsHoldOut ? 0.2 : 0);

        var settings = new TrainingSettings(
            dataset,
            parse.GetValue(o.Fraction),
            parse.GetValue(o.Model) is { } model ? TrainFiles.ModelText(model) : ModelCatalog.DefaultFor(dataset),
            parse.GetValue(o.LearningRate),
            parse.GetValue(o.Momentum),
            parse.GetValue(o.BatchSize),
            parse.GetValue(o.WeightDecay),
            parse.GetValue(o.Seed),
            parse.GetValue(o.ProbeSize),
            validation,
            parse.GetValue(o.Device)!)
        {
            WidthMultiplier = parse.GetValue(o.Width),
            DataDirectory = parse.GetValue(o.DataDirectory),
            LibTorchDirectory = parse.GetValue(o.LibTorch),
            Optimizer = parse.GetValue(o.Optimizer)!,
            Nesterov = parse.GetValue(o.Nesterov),
            Schedule = Data.Optimization.LearningRateSchedule.Parse(parse.GetValue(o.Schedule)!),
            ScheduleHorizon = epochs,
        };
        TrainingSession.Validate(settings);
        return new TrainRunner(settings, criterion, signals, epochs, stop, parse.GetValue(o.Json), parse.GetValue(o.Checkpoint), parse.GetValue(o.Resume))
        {
            RecordTopology = parse.GetValue(o.RecordTopology),
            Monitoring = parse.GetValue(o.Synchronous) ? MonitoringMode.Synchronous : MonitoringMode.Concurrent,
        };
    }

    /// <summary>Adds <c>maxEpochs</c> from <c>--epochs</c> unless the specification sets it.</summary>
    public static string WithMaxEpochs(string specification, int epochs) =>
        specification.Contains("maxEpochs", StringComparison.OrdinalIgnoreCase)
            ? specification
            : specification + (specification.Contains(':', StringComparison.Ordinal) ? "," : ":") + $"maxEpochs={epochs}";

    /// <summary>For <c>DatasetFormatException</c> etc. raised while loading: bad input, not a crash.</summary>
    public static bool IsInputProblem(Exception ex) => ex is ArgumentException or DatasetFormatException or CheckpointException or InvalidOperationException;
}
