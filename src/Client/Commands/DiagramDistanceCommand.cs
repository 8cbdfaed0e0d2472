using System.CommandLine;
using Orchestrator.Client.Output;
using Orchestrator.Topology.Diagrams;

namespace Orchestrator.Client.Commands;

/// <summary>`topology diagram-distance --a A.json --b B.json [--dim 1] [--metric wasserstein2|bottleneck]`.</summary>
internal static class DiagramDistanceCommand
{
    private static readonly Dictionary<string, DiagramMetric> Metrics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["wasserstein2"] = DiagramMetric.Wasserstein2,
        ["bottleneck"] = DiagramMetric.Bottleneck,
    };

    public static Command Create(CliContext context)
    {
        var a = new Option<string>("--a") { Description = "First diagrams (JSON printed by `topology persistence`).", Required = true };
        var b = new Option<string>("--b") { Description = "Second diagrams.", Required = true };
        var dimension = new Option<int>("--dim") { Description = "Homology dimension: 0 or 1.", DefaultValueFactory = _ => 1 };
        var metric = new Option<string>("--metric") { Description = "wasserstein2 (exact, L∞ ground metric) or bottleneck.", DefaultValueFactory = _ => "wasserstein2" };
        var command = new Command(
            "diagram-distance",
            "Prints {\"dim\", \"metric\", \"value\"} as JSON: the exact distance between two persistence diagrams (value null when their essential classes differ in number).")
        {
            a,
            b,
            dimension,
            metric,
        };
        command.SetAction(parse =>
        {
            var dim = parse.GetValue(dimension);
            if (dim is not (0 or 1))
            {
                throw new InputException($"--dim is {dim}; it must be 0 or 1.");
            }

            var name = parse.GetValue(metric)!;
            if (!Metrics.TryGetValue(name, out var chosen))
            {
                throw new InputException($"--metric is '{name}'; it must be one of {string.Join(", ", Metrics.Keys)}.");
            }

            var first = PersistenceDiagramJson.Read(parse.GetValue(a)!, "--a", dim);
            var second = PersistenceDiagramJson.Read(parse.GetValue(b)!, "--b", dim);
            var value = DiagramDistance.Between(first, second, chosen);
            var text = double.IsFinite(value) ? JsonLine.Format(value) : "null";
            context.Stdout.WriteLine($"{{\"dim\":{dim},\"metric\":\"{name.ToLowerInvariant()}\",\"value\":{text}}}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
