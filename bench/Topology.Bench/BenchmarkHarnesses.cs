using Spectre.Console;

namespace Orchestrator.Topology.Bench;

/// <summary>Finds every <see cref="IBenchmarkHarness"/> in this assembly and dispatches on the first argument.</summary>
internal static class BenchmarkHarnesses
{
    public static int Run(string[] args)
    {
        var harnesses = typeof(BenchmarkHarnesses).Assembly.GetTypes()
            .Where(t => typeof(IBenchmarkHarness).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmarkHarness)Activator.CreateInstance(t)!)
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var chosen = args.Length > 0 ? harnesses.FirstOrDefault(h => h.Name == args[0]) : null;
        if (chosen is null)
        {
            if (args.Length > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]unknown harness '{args[0]}'[/]");
            }

            AnsiConsole.WriteLine("usage: bench/run.sh <harness> [options]");
            foreach (var harness in harnesses)
            {
                AnsiConsole.MarkupLineInterpolated($"  [bold]{harness.Name}[/]  {harness.Description}");
            }

            return args.Length > 0 ? 2 : 0;
        }

        return chosen.Run(args[1..]);
    }
}
