using System.CommandLine;
using System.Globalization;
using Orchestrator.Client.Demo;
using Orchestrator.Topology.Stopping;
using Spectre.Console;

namespace Orchestrator.Client.Commands;

/// <summary>`topology demo`: the TOP signal and criterion on generated activations, as a table.</summary>
internal static class TopologyDemoCommand
{
    public static Command Create(CliContext context)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generated activations.", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to generate (1–1000).", DefaultValueFactory = _ => 30 };
        var criterionOption = new Option<string>("--criterion")
        {
            Description = "Stopping criterion as name[:param=value,…], e.g. top:window=3,patience=4 (see `topology criteria`). The demo has connectome distances only, so vl, fp and np do not apply.",
            DefaultValueFactory = _ => "top",
        };
        var command = new Command(
            "demo",
            "Runs the TOP stopping criterion (defaults) on ~30 epochs of generated activations whose correlation structure converges.")
        {
            seed,
            epochs,
            criterionOption,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(epochs);
            if (count is < 1 or > 1000)
            {
                throw new InputException($"--epochs is {count}; it must be between 1 and 1000.");
            }

            var activations = new SyntheticActivations(parse.GetValue(seed));
            var criterion = CriterionOption.Parse(parse.GetValue(criterionOption)!, "--criterion");
            var needs = StoppingCriterionCatalog.Default.Find(criterion.Name).Signals & ~CriterionSignals.GraphDistance;
            if (needs != CriterionSignals.None)
            {
                // The demo only has connectomes and their graph distances; any other signal would stay null and the criterion would never stop.
                var what = needs switch
                {
                    CriterionSignals.ValidationLoss => "a validation loss",
                    CriterionSignals.NeuralPersistence => "network weights (neural persistence)",
                    CriterionSignals.DiagramDistance => "Vietoris–Rips diagram distances",
                    _ => $"signals ({needs})",
                };
                throw new InputException($"--criterion {criterion.Name} needs {what}, which the generated demo does not have; use top or none.");
            }

            var rows = TopologyDemo.Run(activations, criterion, count);
            Render(context, parse.GetValue(seed), activations, criterion, rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(
        CliContext context, int seed, SyntheticActivations activations, IStoppingCriterion criterion, IReadOnlyList<TopologyDemoEpoch> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Stdout),
            Ansi = ReferenceEquals(context.Stdout, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        var options = (criterion as TopStoppingCriterion)?.Options;
        console.MarkupLine(Invariant(
            $"[bold]Topological signature of generated activations[/]: {activations.Samples} probe samples × {activations.Neurons} neurons, {activations.Factors} latent factors, seed {seed}."));
        console.MarkupLine(criterion is TopStoppingCriterion top
            ? Invariant(
                $"Criterion top: smoothed {top.Component.ToString().ToLowerInvariant()}, {(top.Options.Smoothing == SmoothingMethod.MovingAverage ? "moving average" : "EMA")} window {top.Options.Window}, relative threshold {top.Options.RelativeThreshold}, warm-up {top.Options.WarmUp}, patience {top.Options.Patience}, max epochs {top.Options.MaxEpochs}.")
            : Invariant($"Criterion {criterion.Name}."));

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("epoch").RightAligned());
        table.AddColumn(new TableColumn("total pers. 0").RightAligned());
        table.AddColumn(new TableColumn("w0").RightAligned());
        table.AddColumn(new TableColumn("w1").RightAligned());
        table.AddColumn(new TableColumn("w").RightAligned());
        table.AddColumn(new TableColumn(options is null ? "smoothed" : $"smoothed {((TopStoppingCriterion)criterion).Component.ToString().ToLowerInvariant()}").RightAligned());
        table.AddColumn(new TableColumn("decision"));
        foreach (var row in rows)
        {
            var decision = row.Decision.ShouldStop
                ? "[bold red]stop[/]"
                : row.Epoch <= (options?.WarmUp ?? 0) ? "[grey]warm-up[/]" : "continue";
            table.AddRow(
                row.Epoch.ToString(CultureInfo.InvariantCulture),
                Number(row.Point.TotalPersistence0),
                Number(row.Point.W0),
                Number(row.Point.W1),
                Number(row.Point.W),
                Number(row.Smoothed),
                decision);
        }

        console.Write(table);
        var last = rows[^1];
        if (last.Decision.ShouldStop)
        {
            console.MarkupLine(Invariant($"[bold]Stopped at epoch {last.Epoch}[/] (best epoch {last.Decision.BestEpoch}): {Markup.Escape(last.Decision.Reason)}."));
        }
        else
        {
            console.MarkupLine(Invariant($"[bold]No stop within {last.Epoch} epochs[/] (best epoch so far {last.Decision.BestEpoch})."));
        }
    }

    private static string Number(double? value) =>
        value is double v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "[grey]–[/]";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
