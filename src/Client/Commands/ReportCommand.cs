using System.CommandLine;
using Orchestrator.Client.Core.Reports;

namespace Orchestrator.Client.Commands;

/// <summary>`report RESULTS_DIR`: report.md and PNG figures from a sweep's results folder.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("results") { Description = "A sweep's results folder, e.g. results/<sweep-id> (sweep.json, trials.csv, epochs.csv)." };
        var command = new Command("report", "Writes report.md and PNG figures (figures/) into a sweep's results folder: headline table, hindsight, discussion.");
        command.Arguments.Add(directory);
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(directory)!;
            var written = ReportGenerator.Generate(folder, $"orchestrator report {folder}");
            context.Stdout.WriteLine($"wrote {written[0]} and {written.Count - 1} figures in {Path.Combine(folder, ReportGenerator.FiguresFolder)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
