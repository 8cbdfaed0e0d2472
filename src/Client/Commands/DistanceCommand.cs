using System.CommandLine;
using Orchestrator.Client.Files;
using Orchestrator.Client.Output;
using Orchestrator.Topology;

namespace Orchestrator.Client.Commands;

/// <summary>`topology distance --a A --b B [--p 1|2]`: the Wasserstein distance between two connectomes' decompositions.</summary>
internal static class DistanceCommand
{
    public static Command Create(CliContext context)
    {
        var a = new Option<string>("--a") { Description = "First connectome (.csv or .npy, n×n).", Required = true };
        var b = new Option<string>("--b") { Description = "Second connectome, same n.", Required = true };
        var p = new Option<int>("--p") { Description = "Order of the Wasserstein distance: 1 or 2.", DefaultValueFactory = _ => 2 };
        var command = new Command("distance", "Prints {\"n\", \"p\", \"w0\", \"w1\", \"w\"} as JSON.") { a, b, p };
        command.SetAction(parse =>
        {
            var order = parse.GetValue(p);
            if (order is not (1 or 2))
            {
                throw new InputException($"--p is {order}; it must be 1 or 2.");
            }

            var first = ConnectomeFile.Read(parse.GetValue(a)!, "--a");
            var second = ConnectomeFile.Read(parse.GetValue(b)!, "--b");
            if (first.Size != second.Size)
            {
                throw new InputException(
                    $"--a is {first.Size}×{first.Size} but --b is {second.Size}×{second.Size}; both connectomes must have the same n.");
            }

            var distance = WassersteinDistance.Between(BirthDeathDecomposition.Of(first), BirthDeathDecomposition.Of(second), order);
            new JsonLine(context.Stdout)
                .Number("n", first.Size)
                .Number("p", distance.P)
                .Number("w0", distance.W0)
                .Number("w1", distance.W1)
                .Number("w", distance.W)
                .End();
            return ExitCodes.Ok;
        });
        return command;
    }
}
