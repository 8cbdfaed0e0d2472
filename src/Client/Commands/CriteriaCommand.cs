using System.CommandLine;
using Orchestrator.Topology.Stopping;
using Spectre.Console;

namespace Orchestrator.Client.Commands;

/// <summary>`topology criteria`: the stopping criteria, their parameters and defaults.</summary>
internal static class CriteriaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("criteria", "Lists the stopping criteria with their parameters and defaults (for --criterion and sweep files).");
        command.SetAction(_ =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(context.Stdout),
                Ansi = ReferenceEquals(context.Stdout, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            });
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("criterion");
            table.AddColumn("parameter");
            table.AddColumn("default");
            table.AddColumn("meaning");
            foreach (var descriptor in StoppingCriterionCatalog.Default.Descriptors)
            {
                table.AddRow($"[bold]{Markup.Escape(descriptor.Name)}[/]", string.Empty, string.Empty, Markup.Escape(descriptor.Description));
                foreach (var parameter in descriptor.Parameters)
                {
                    table.AddRow(string.Empty, Markup.Escape(parameter.Name), Markup.Escape(parameter.DefaultValue), Markup.Escape(parameter.Description));
                }
            }

            console.Write(table);
            console.MarkupLine(Markup.Escape("Syntax: name[:param=value,…], e.g. top:window=3,patience=4,component=w1"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
